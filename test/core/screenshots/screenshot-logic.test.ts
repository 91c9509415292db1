import { PNG } from 'pngjs';
import { changedShare, formatShare } from '../../../lambda/core/screenshots/changed-pixels';
import { findLocalChromium } from '../../../lambda/core/screenshots/chromium-path';
import { ChromiumNotFoundError } from '../../../lambda/core/screenshots/errors';
import { withScreenshotLines } from '../../../lambda/core/domain/screenshot-lines';
import { baseBranchOf, pagePathOf } from '../../../lambda/core/screenshots/page-path';
import { pageUrl } from '../../../lambda/core/screenshots/pair';
import { isPreviewUrl } from '../../../lambda/core/github/deployment-events';

const png = (width: number, height: number, paint: (x: number, y: number) => number) => {
  const image = new PNG({ width, height });
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 4;
      const v = paint(x, y);
      image.data[i] = v;
      image.data[i + 1] = v;
      image.data[i + 2] = v;
      image.data[i + 3] = 255;
    }
  return PNG.sync.write(image);
};

describe('changed pixels', () => {
  it('counts the differing share, and the part one image has and the other lacks as changed', () => {
    const white = png(10, 10, () => 255);
    expect(changedShare(white, white)).toBe(0);
    expect(changedShare(white, png(10, 10, (x) => (x < 2 ? 0 : 255)))).toBeCloseTo(0.2);
    expect(changedShare(white, png(10, 20, () => 255))).toBeCloseTo(0.5);
    expect([0, 0.0004, 0.0321].map(formatShare)).toEqual(['0 %', '< 0.1 %', '3.2 %']);
  });
});

describe('the page a change shows on', () => {
  const proposal = (...paths: string[]) => ({ baseBranch: 'trunk', files: paths.map((path) => ({ path, beforeSha256: '', content: '' })) });
  it('is an edited HTML page itself, else the home page', () => {
    expect(pagePathOf(proposal('about.html'))).toBe('/about.html');
    expect(pagePathOf(proposal('index.html', 'blog/index.html'))).toBe('/blog/');
    expect(pagePathOf(proposal('public/menu.html'))).toBe('/menu.html');
    expect(pagePathOf(proposal('src/components/Header.jsx', 'index.html'))).toBe('/');
    expect(pagePathOf(undefined)).toBe('/');
    expect(baseBranchOf(proposal())).toBe('trunk');
    expect(baseBranchOf(null)).toBe('main');
    expect(pageUrl('https://acme.example', '/about.html')).toBe('https://acme.example/about.html');
    expect(pageUrl('https://acme.example/', '/')).toBe('https://acme.example/');
    // A GitHub Pages project site lives under /<repo>/: the page is joined below it.
    expect(pageUrl('https://o.github.io/repo/', '/about.html')).toBe('https://o.github.io/repo/about.html');
    expect(pageUrl('https://o.github.io/repo', '/blog/')).toBe('https://o.github.io/repo/blog/');
    expect(pageUrl('https://o.github.io/repo/', '/')).toBe('https://o.github.io/repo/');
    expect(pageUrl('https://acme.example/shop', '/about.html?x=1')).toBe('https://acme.example/shop/about.html?x=1');
  });
});

describe('preview hosts and Chromium', () => {
  it('knows the preview hosts by their domain, not by a look-alike', () => {
    expect(['https://a-b.vercel.app', 'https://deploy-preview-1--x.netlify.app', 'https://3f.x.pages.dev', 'https://main.d1.amplifyapp.com'].every(isPreviewUrl)).toBe(true);
    expect(['https://vercel.app.evil.example', 'https://notvercel.app', 'ftp://x.vercel.app', 'not a url', null].some(isPreviewUrl)).toBe(false);
  });

  it('without Chromium says how to install it', () => {
    expect(() => findLocalChromium({}, ['/nonexistent/chromium'])).toThrow(ChromiumNotFoundError);
    expect(() => findLocalChromium({}, ['/nonexistent/chromium'])).toThrow('No Chromium was found on this machine, so no screenshots were taken. Install it (sudo apt-get install chromium), or set CHROMIUM_PATH to a Chromium or Chrome binary.');
  });

  it("keeps a message with its screenshot lines within Discord's 2000 characters", () => {
    const message = withScreenshotLines({ content: 'x'.repeat(1990) }, ['Pixels changed: desktop 0 %'], [{ name: 'a.png', contentType: 'image/png', data: new Uint8Array(1) }]);
    expect(message.content!.length).toBeLessThanOrEqual(2000);
    expect(message.content).toMatch(/…\n\nPixels changed: desktop 0 %$/);
    expect(message.files).toHaveLength(1);
  });
});
