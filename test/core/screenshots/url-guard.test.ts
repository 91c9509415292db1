import { defaultFlagValues, PLATFORM_FLAGS } from '../../../lambda/core/contract/flags';
import { blockedRequestReason, isPrivateAddress, screenshotUrlRefusal } from '../../../lambda/core/screenshots/url-guard';

describe('which URLs from a webhook are screenshotted', () => {
  it('only known preview hosts, the host of site-url and the flag preview-hosts', () => {
    expect(screenshotUrlRefusal('https://site-git-ux-1.vercel.app/', {})).toBeUndefined();
    expect(screenshotUrlRefusal('https://deploy-preview-3--acme.netlify.app', {})).toBeUndefined();
    expect(screenshotUrlRefusal('https://www.acme.com/', { siteUrl: 'https://www.acme.com' })).toBeUndefined();
    expect(screenshotUrlRefusal('https://pr-3.previews.acme.dev/', { previewHosts: ['previews.acme.dev'] })).toBeUndefined();
    expect(screenshotUrlRefusal('http://169.254.169.254/latest/meta-data/', { siteUrl: 'https://www.acme.com' })).toMatch(/^the host 169\.254\.169\.254 is not a preview host/);
    expect(screenshotUrlRefusal('http://localhost:8080/', {})).toMatch(/not a preview host/);
    expect(screenshotUrlRefusal('https://evilvercel.app/', {})).toMatch(/not a preview host/);
    expect(screenshotUrlRefusal('https://vercel.app.evil.com/', {})).toMatch(/not a preview host/);
    expect(screenshotUrlRefusal('file:///etc/passwd', {})).toMatch(/not an http\(s\) URL/);
  });

  it('the flag preview-hosts: comma-separated host suffixes, "none" by default', () => {
    expect(defaultFlagValues('prod')['preview-hosts']).toEqual([]);
    expect(PLATFORM_FLAGS['preview-hosts'].schema.parse(' previews.acme.dev, *.staging.acme.com ')).toEqual(['previews.acme.dev', 'staging.acme.com']);
    expect(PLATFORM_FLAGS['preview-hosts'].schema.safeParse('https://x.com/').success).toBe(false);
  });

  it('private, loopback and link-local addresses are blocked, names resolved first; allowed origins pass', async () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '::1', 'fc00::1', 'fd12::1', 'fe80::1', '::ffff:127.0.0.1', '0.0.0.0'])
      expect([a, isPrivateAddress(a)]).toEqual([a, true]);
    for (const a of ['8.8.8.8', '172.32.0.1', '2606:4700::1', '76.76.21.21']) expect([a, isPrivateAddress(a)]).toEqual([a, false]);
    const resolve = async (host: string) => (host === 'inside.example' ? ['10.0.0.5'] : ['93.184.216.34']);
    expect(await blockedRequestReason('http://169.254.169.254/latest/meta-data/', { resolve })).toBe('169.254.169.254 is a private address');
    expect(await blockedRequestReason('http://[::1]:3000/', { resolve })).toBe('::1 is a private address');
    expect(await blockedRequestReason('https://inside.example/x.js', { resolve })).toBe('inside.example resolves to the private address 10.0.0.5');
    expect(await blockedRequestReason('https://www.acme.com/', { resolve })).toBeUndefined();
    expect(await blockedRequestReason('http://127.0.0.1:4000/a.css', { resolve, allowOrigins: ['http://127.0.0.1:4000'] })).toBeUndefined();
    expect(await blockedRequestReason('data:image/png;base64,AAAA', { resolve })).toBeUndefined();
  });
});
