import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Page } from 'playwright-core';
import { PREVIEW_HOSTS } from '../github/deployment-events';

/** True when `host` is `suffix` or a subdomain of it (case-insensitive, ports ignored by the caller). */
const hostMatches = (host: string, suffix: string): boolean => {
  const h = host.toLowerCase().replace(/\.$/, '');
  const s = suffix.toLowerCase().replace(/^\*?\./, '').replace(/\.$/, '');
  return s.length > 0 && (h === s || h.endsWith(`.${s}`));
};

export interface ScreenshotHostPolicy {
  /** The flag site-url: its host may be shot. */
  siteUrl?: string;
  /** The flag preview-hosts: more host suffixes that may be shot. */
  previewHosts?: readonly string[];
  /** Hosts the deployment itself allows (local mode: its loopback servers). */
  extraHosts?: readonly string[];
}

/**
 * Whether a URL from a webhook payload may be shot: http(s) and a host that is a known preview
 * host (PREVIEW_HOSTS), the host of site-url, or one of preview-hosts. Anything else (an internal
 * address, a metadata endpoint, a stranger's site) is refused with the reason.
 */
export function screenshotUrlRefusal(value: string, policy: ScreenshotHostPolicy): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${value} is not a URL`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `${value} is not an http(s) URL`;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const allowed = [...PREVIEW_HOSTS, ...(policy.previewHosts ?? []), ...(policy.extraHosts ?? [])];
  if (policy.siteUrl) {
    try {
      allowed.push(new URL(policy.siteUrl).hostname);
    } catch {
      /* an unparsable site-url allows nothing */
    }
  }
  if (allowed.some((suffix) => hostMatches(host, suffix))) return undefined;
  return `the host ${host} is not a preview host (${PREVIEW_HOSTS.join(', ')}), the host of site-url, or in the flag preview-hosts`;
}

/** Loopback, private, link-local (the metadata address 169.254.169.254 included), unspecified, ::1, fc00::/7, fe80::/10. */
export function isPrivateAddress(address: string): boolean {
  const a = address.toLowerCase().replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return isPrivateAddress(mapped[1]!);
  if (isIP(a) === 4) {
    const [x, y] = a.split('.').map(Number) as [number, number];
    return x === 127 || x === 10 || x === 0 || (x === 172 && y >= 16 && y <= 31) || (x === 192 && y === 168) || (x === 169 && y === 254) || (x === 100 && y >= 64 && y <= 127);
  }
  if (isIP(a) === 6) return a === '::1' || a === '::' || /^f[cd][0-9a-f]{2}:/.test(a) || /^fe[89ab][0-9a-f]:/.test(a);
  return false;
}

export interface NetworkGuard {
  /** Origins (scheme://host:port) let through even on a private address: local mode's own preview servers. */
  allowOrigins?: readonly string[];
  /** Resolves a host name to its addresses; node:dns by default. */
  resolve?: (host: string) => Promise<string[]>;
}

const resolveHost = async (host: string): Promise<string[]> => (await lookup(host, { all: true, verbatim: true })).map((r) => r.address);

/** Why `url` must not be fetched (a private address, or a host that resolves to one), or undefined. */
export async function blockedRequestReason(url: string, guard: NetworkGuard): Promise<string | undefined> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.protocol === 'about:') return undefined;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:' && parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') return `${parsed.protocol} is not fetched`;
  if (guard.allowOrigins?.includes(parsed.origin)) return undefined;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return isPrivateAddress(host) ? `${host} is a private address` : undefined;
  try {
    const addresses = await (guard.resolve ?? resolveHost)(host);
    const inside = addresses.find(isPrivateAddress);
    return inside ? `${host} resolves to the private address ${inside}` : undefined;
  } catch {
    return undefined; // an unknown name fails in the browser as it would anyway
  }
}

export interface PageGuard {
  /** Reasons of the requests aborted so far. */
  blocked: string[];
  /** Every redirect hop seen so far, checked: the reasons of those to a private address (they were requested, but must not be shown). */
  redirectsToInside(): Promise<string[]>;
}

/**
 * Aborts every request of the page to a private address (names resolved first). Playwright routes only the
 * first URL of a redirect chain, so redirect hops (of the page, a frame or a resource) are checked as they are
 * seen: a shot with one to a private address must be refused by the caller.
 */
export async function guardPage(page: Page, guard: NetworkGuard): Promise<PageGuard> {
  const blocked: string[] = [];
  const hops: Array<Promise<string | undefined>> = [];
  page.on('request', (request) => {
    if (request.redirectedFrom()) hops.push(blockedRequestReason(request.url(), guard).then((reason) => (reason ? `a redirect to ${request.url()}: ${reason}` : undefined)));
  });
  await page.route('**/*', async (route) => {
    const reason = await blockedRequestReason(route.request().url(), guard);
    if (reason) {
      blocked.push(reason);
      await route.abort('blockedbyclient').catch(() => undefined);
    } else {
      await route.continue().catch(() => undefined);
    }
  });
  return {
    blocked,
    redirectsToInside: async () => (await Promise.all(hops)).filter((r): r is string => r !== undefined),
  };
}
