import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SharedBrowser, localChromium } from '../../../lambda/core/screenshots/browser';
import { captureShot, FONTS_WAIT_MS } from '../../../lambda/core/screenshots/capture';
import { VIEWPORTS } from '../../../lambda/core/screenshots/limits';

// A web font asked for after `load` whose request never answers: document.fonts.ready would wait for it forever.
const PAGE = `<!doctype html><style>@font-face{font-family:Slow;src:url(/slow.woff2)}</style><body><h1>Spring sale</h1>
<script>addEventListener('load', () => document.body.insertAdjacentHTML('beforeend', '<p style="font-family:Slow">late</p>'))</script></body>`;

describe('a shot waits for web fonts at most FONTS_WAIT_MS (real Chromium)', () => {
  const browser = new SharedBrowser(localChromium());
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((req, res) => (req.url === '/slow.woff2' ? undefined : res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE)));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await browser.close();
    server.closeAllConnections();
    server.close();
  });

  it('shoots the page in its fallback font once the wait is over', async () => {
    expect(FONTS_WAIT_MS).toBe(3000);
    const started = Date.now();
    const shot = await captureShot(await browser.launch(), url, VIEWPORTS[0]!, 'preview');
    const took = Date.now() - started;
    expect(shot.png.length).toBeGreaterThan(1000);
    expect(took).toBeGreaterThanOrEqual(FONTS_WAIT_MS - 200);
    expect(took).toBeLessThan(FONTS_WAIT_MS + 6000);
  }, 30_000);
});
