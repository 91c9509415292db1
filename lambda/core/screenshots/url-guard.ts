import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { PREVIEW_HOSTS } from '../github/deployment-events';
import { addressRefusal, hostRefusal, normalHost } from './address-policy';

/** True when `host` is `suffix` or a subdomain of it (case-insensitive, ports ignored by the caller). */
const hostMatches = (host: string, suffix: string): boolean => {
  const h = normalHost(host);
  const s = normalHost(suffix.replace(/^\*?\./, ''));
  return s.length > 0 && (h === s || h.endsWith(`.${s}`));
};

export interface ScreenshotHostPolicy {
  /** The flag site-url: its host may be shot. */
  siteUrl?: string;
  /** The flag preview-hosts: more host suffixes that may be shot. */
  previewHosts?: readonly string[];
  /**
   * Hosts the deployment itself allows, matched exactly, even on a loopback address (local mode: its own
   * preview servers on 127.0.0.1 and localhost). Flags can never allow such an address.
   */
  extraHosts?: readonly string[];
}

export interface UrlRefusal {
  /** What is wrong with the URL, as the middle of a sentence. */
  reason: string;
  /** The host is merely unknown: an operator may add it to the flag preview-hosts. */
  addable: boolean;
}

/**
 * Whether a URL from a webhook payload (or a page URL built on one) may be shot: http(s); never a loopback,
 * private, link-local or other non-public address in any spelling, nor a localhost name (unless the
 * deployment's own extraHosts name it); and a host that is a known preview host (PREVIEW_HOSTS), the host
 * of site-url, or one of preview-hosts. Anything else is refused with the reason.
 */
export function screenshotUrlRefusal(value: string, policy: ScreenshotHostPolicy): UrlRefusal | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { reason: `${value} is not a URL`, addable: false };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { reason: `${value} is not an http(s) URL`, addable: false };
  // The WHATWG parser already wrote 2130706433, 0177.0.0.1 and 0x7f.1 as 127.0.0.1, and [::127.0.0.1] as [::7f00:1].
  const host = normalHost(url.hostname);
  if ((policy.extraHosts ?? []).some((extra) => normalHost(extra) === host)) return undefined;
  const inside = hostRefusal(host);
  if (inside) return { reason: inside, addable: false };
  const allowed: string[] = [...PREVIEW_HOSTS, ...(policy.previewHosts ?? [])];
  if (policy.siteUrl) {
    try {
      allowed.push(new URL(policy.siteUrl).hostname);
    } catch {
      /* an unparsable site-url allows nothing */
    }
  }
  if (allowed.some((suffix) => hostMatches(host, suffix))) return undefined;
  return { reason: `the host ${host} is not a preview host (${PREVIEW_HOSTS.join(', ')}), the host of site-url, or in the flag preview-hosts`, addable: true };
}

/** The refusal as the sentence a notice shows. */
export function refusalSentence(refusal: UrlRefusal): string {
  return refusal.addable ? `${refusal.reason}, so it was not opened. Add it with the flag preview-hosts if it is yours.` : `${refusal.reason}, so it was not opened: it is never screenshotted.`;
}

export interface NetworkGuard {
  /** Origins (scheme://host:port) let through even on a private address: tests' loopback servers standing in for public sites. */
  allowOrigins?: readonly string[];
  /** Resolves a host name to its addresses; node:dns by default. */
  resolve?: (host: string) => Promise<string[]>;
}

const resolveHost = async (host: string): Promise<string[]> => (await lookup(host, { all: true, verbatim: true })).map((r) => r.address);

/** Where a connection may go: the checked address to connect to, or why it must not be opened. */
export type Destination = { address: string } | { refusal: string } | { unresolved: string };

/**
 * The address to open for `host` (one whose every resolved address is public, so a name resolving to one
 * inside address is refused whole), or the refusal. An origin in guard.allowOrigins skips the check.
 */
export async function checkedDestination(hostname: string, origin: string, guard: NetworkGuard): Promise<Destination> {
  const host = normalHost(hostname);
  const allowed = guard.allowOrigins?.includes(origin) ?? false;
  if (isIP(host)) {
    const refusal = allowed ? undefined : addressRefusal(host);
    return refusal ? { refusal } : { address: host };
  }
  const named = allowed ? undefined : hostRefusal(host);
  if (named) return { refusal: named };
  let addresses: string[];
  try {
    addresses = await (guard.resolve ?? resolveHost)(host);
  } catch {
    return { unresolved: `${host} could not be resolved` };
  }
  if (addresses.length === 0) return { unresolved: `${host} could not be resolved` };
  const inside = allowed ? undefined : addresses.find((address) => addressRefusal(address) !== undefined);
  // "10.0.0.5 is a private address" → "inside.example resolves to 10.0.0.5, which is a private address"
  return inside ? { refusal: `${host} resolves to ${addressRefusal(inside)!.replace(/^(\S+) is /, '$1, which is ')}` } : { address: addresses[0]! };
}
