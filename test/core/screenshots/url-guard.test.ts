import { defaultFlagValues, PLATFORM_FLAGS } from '../../../lambda/core/contract/flags';
import { addressRefusal, hostRefusal } from '../../../lambda/core/screenshots/address-policy';
import { ScreenshotError } from '../../../lambda/core/screenshots/errors';
import { pageUrl } from '../../../lambda/core/screenshots/pair';
import { checkedDestination, refusalSentence, screenshotUrlRefusal, type NetworkGuard } from '../../../lambda/core/screenshots/url-guard';

/** Spellings of loopback, link-local (metadata) and private addresses a URL can carry. */
const INSIDE_URLS = [
  'http://127.0.0.1/',
  'http://2130706433/',
  'http://0177.0.0.1/',
  'http://0x7f.1/',
  'http://127.1/',
  'http://0/',
  'http://[::1]/',
  'http://[::ffff:7f00:1]/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:a9fe:a9fe]/latest/meta-data/',
  'http://[64:ff9b::7f00:1]/',
  'http://[::127.0.0.1]/',
  'http://[::ffff:0:7f00:1]/',
  'http://[fe80::1]/',
  'http://[fd00::1]/',
  'http://169.254.169.254/latest/meta-data/',
  'http://0xa9fea9fe/',
  'http://10.0.0.5/',
  'http://172.16.0.1/',
  'http://192.168.1.1/',
  'http://100.64.0.1/',
  'http://localhost/',
  'http://LOCALHOST./',
  'http://localhost.:8080/',
  'http://app.localhost/',
  'http://a.b.localhost./',
];

describe('which URLs from a webhook are screenshotted', () => {
  it('only known preview hosts, the host of site-url and the flag preview-hosts', () => {
    expect(screenshotUrlRefusal('https://site-git-ux-1.vercel.app/', {})).toBeUndefined();
    expect(screenshotUrlRefusal('https://deploy-preview-3--acme.netlify.app', {})).toBeUndefined();
    expect(screenshotUrlRefusal('https://www.acme.com/', { siteUrl: 'https://www.acme.com' })).toBeUndefined();
    expect(screenshotUrlRefusal('https://www.acme.com./', { siteUrl: 'https://www.acme.com' })).toBeUndefined();
    expect(screenshotUrlRefusal('https://pr-3.previews.acme.dev/', { previewHosts: ['previews.acme.dev'] })).toBeUndefined();
    expect(screenshotUrlRefusal('https://evilvercel.app/', {})).toEqual({ reason: expect.stringMatching(/^the host evilvercel\.app is not a preview host/), addable: true });
    expect(screenshotUrlRefusal('https://vercel.app.evil.com/', {})?.reason).toMatch(/not a preview host/);
    expect(screenshotUrlRefusal('file:///etc/passwd', {})?.reason).toMatch(/not an http\(s\) URL/);
    expect(screenshotUrlRefusal('javascript:alert(1)', {})?.reason).toMatch(/not an http\(s\) URL/);
    expect(refusalSentence(screenshotUrlRefusal('https://evil.example/', {})!)).toMatch(/, so it was not opened\. Add it with the flag preview-hosts if it is yours\.$/);
  });

  it.each(INSIDE_URLS)('refuses %s whatever the flags say (no flag can allow an inside address)', (url) => {
    const flags = { siteUrl: url, previewHosts: ['127.0.0.1', 'localhost', '::ffff:7f00:1', '169.254.169.254', '10.0.0.5', '0.0.0.0'] };
    const refusal = screenshotUrlRefusal(url, flags);
    expect(refusal).toEqual({ reason: expect.stringMatching(/ is (a loopback|a link-local|a private|an unspecified|a unique local|a carrier-grade|.* written as IPv6)| is a loopback name/), addable: false });
    expect(refusalSentence(refusal!)).toMatch(/, so it was not opened: it is never screenshotted\.$/);
  });

  it('names what the address is, IPv6 spellings of an IPv4 address by the address they stand for', () => {
    expect(screenshotUrlRefusal('http://2130706433/', {})?.reason).toBe('127.0.0.1 is a loopback address');
    expect(screenshotUrlRefusal('http://[::ffff:a9fe:a9fe]/', {})?.reason).toBe('::ffff:a9fe:a9fe is 169.254.169.254 written as IPv6, a link-local address (where cloud metadata endpoints answer)');
    expect(screenshotUrlRefusal('http://[64:ff9b::7f00:1]/', {})?.reason).toBe('64:ff9b::7f00:1 is 127.0.0.1 written as IPv6, a loopback address');
    expect(screenshotUrlRefusal('http://[::127.0.0.1]/', {})?.reason).toBe('::7f00:1 is 127.0.0.1 written as IPv6, a loopback address');
    expect(screenshotUrlRefusal('http://app.localhost/', {})?.reason).toMatch(/^app\.localhost is a loopback name/);
    expect(addressRefusal('2002:7f00:1::1')).toBe('2002:7f00:1::1 is a 6to4 tunnel address');
    expect(addressRefusal('64:ff9b:1::a00:1')).toBe('64:ff9b:1::a00:1 is a local-use NAT64 address');
    expect(addressRefusal('240.0.0.1')).toBe('240.0.0.1 is a reserved address');
  });

  it('public addresses pass, in IPv4 and IPv6, and as IPv6 spellings of a public IPv4 address', () => {
    for (const address of ['8.8.8.8', '76.76.21.21', '172.32.0.1', '2606:4700::1', '::ffff:808:808', '64:ff9b::808:808']) expect([address, addressRefusal(address)]).toEqual([address, undefined]);
    expect(hostRefusal('www.acme.com')).toBeUndefined();
    expect(hostRefusal('localhost.acme.com')).toBeUndefined();
  });

  it('only the deployment itself (local mode) allows its loopback preview hosts, each exactly', () => {
    const local = { extraHosts: ['127.0.0.1', 'localhost'] };
    expect(screenshotUrlRefusal('http://127.0.0.1:4321/', local)).toBeUndefined();
    expect(screenshotUrlRefusal('http://localhost:4321/', local)).toBeUndefined();
    expect(screenshotUrlRefusal('http://app.localhost:4321/', local)?.reason).toMatch(/loopback name/);
    expect(screenshotUrlRefusal('http://[::ffff:a9fe:a9fe]/', local)?.reason).toMatch(/169\.254\.169\.254 written as IPv6/);
    expect(screenshotUrlRefusal('http://127.0.0.1:4321/', { previewHosts: ['127.0.0.1'] })?.reason).toBe('127.0.0.1 is a loopback address');
  });

  it('the flag preview-hosts: comma-separated host suffixes, "none" by default', () => {
    expect(defaultFlagValues('prod')['preview-hosts']).toEqual([]);
    expect(PLATFORM_FLAGS['preview-hosts'].schema.parse(' previews.acme.dev, *.staging.acme.com ')).toEqual(['previews.acme.dev', 'staging.acme.com']);
    expect(PLATFORM_FLAGS['preview-hosts'].schema.safeParse('https://x.com/').success).toBe(false);
  });
});

describe('the page path joined to a preview URL', () => {
  it('never changes the origin, whatever the changed file is named', () => {
    expect(pageUrl('http://site-git-ux.vercel.app', '/https:/127.0.0.2:4307/x.html')).toBe('http://site-git-ux.vercel.app/https:/127.0.0.2:4307/x.html');
    expect(pageUrl('https://site-git-ux.vercel.app/', '/https:/127.0.0.2:4307/x.html')).toBe('https://site-git-ux.vercel.app/https:/127.0.0.2:4307/x.html');
    expect(pageUrl('https://site-git-ux.vercel.app/', '/javascript:alert(1)')).toBe('https://site-git-ux.vercel.app/javascript:alert(1)');
    expect(pageUrl('https://o.github.io/repo/', '//evil.example/x.html')).toBe('https://o.github.io/repo/evil.example/x.html');
    expect(pageUrl('https://o.github.io/repo/', '/\\\\evil.example/x.html')).toBe('https://o.github.io/repo/evil.example/x.html');
    expect(() => pageUrl('data:text/html,x', '/a.html')).toThrow(ScreenshotError);
  });
});

/** What the guard's proxy decides for a request to `url` (it sees host and port; the URL parser normalizes them as Chromium does). */
async function blockedRequestReason(url: string, guard: NetworkGuard): Promise<string | undefined> {
  const parsed = new URL(url);
  const destination = await checkedDestination(parsed.hostname, parsed.origin, guard);
  return 'refusal' in destination ? destination.refusal : undefined;
}

describe('the network guard (each request and redirect hop of a guarded shot)', () => {
  const resolve = async (host: string) => (host === 'inside.example' ? ['10.0.0.5'] : host === 'mapped.example' ? ['93.184.216.34', '::ffff:7f00:1'] : ['93.184.216.34']);

  it('refuses inside addresses in every spelling and names resolving to one, before anything is opened', async () => {
    for (const url of INSIDE_URLS) expect([url, await blockedRequestReason(url, { resolve })]).toEqual([url, expect.stringMatching(/ is /)]);
    expect(await blockedRequestReason('http://169.254.169.254/latest/meta-data/', { resolve })).toBe('169.254.169.254 is a link-local address (where cloud metadata endpoints answer)');
    expect(await blockedRequestReason('https://inside.example/x.js', { resolve })).toBe('inside.example resolves to 10.0.0.5, which is a private address');
    expect(await blockedRequestReason('https://mapped.example/', { resolve })).toBe('mapped.example resolves to ::ffff:7f00:1, which is 127.0.0.1 written as IPv6, a loopback address');
    expect(await blockedRequestReason('wss://[::ffff:7f00:1]:9001/', { resolve })).toMatch(/127\.0\.0\.1 written as IPv6/);
  });

  it('lets public hosts and the allowed origins through, and connects to the address it checked', async () => {
    expect(await blockedRequestReason('https://www.acme.com/', { resolve })).toBeUndefined();
    expect(await blockedRequestReason('http://127.0.0.1:4000/a.css', { resolve, allowOrigins: ['http://127.0.0.1:4000'] })).toBeUndefined();
    expect(await blockedRequestReason('http://127.0.0.1:4001/a.css', { resolve, allowOrigins: ['http://127.0.0.1:4000'] })).toBe('127.0.0.1 is a loopback address');
    expect(await checkedDestination('www.acme.com', 'https://www.acme.com', { resolve })).toEqual({ address: '93.184.216.34' });
    expect(await checkedDestination('nowhere.example', 'https://nowhere.example', { resolve: async () => [] })).toEqual({ unresolved: 'nowhere.example could not be resolved' });
  });
});
