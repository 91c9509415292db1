import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGuardProxy, type GuardProxy, type ProxyRefusal } from '../../../lambda/core/screenshots/guard-proxy';

let site: Server;
let sitePort: number;
let hits: string[];
let proxy: GuardProxy;
let refusals: ProxyRefusal[];

beforeAll(async () => {
  site = createServer((req, res) => {
    hits.push(`${req.headers.host} ${req.url}`);
    res.writeHead(200, { 'content-type': 'text/plain', 'x-site': 'yes' }).end(`page ${req.url}`);
  });
  await new Promise<void>((done) => site.listen(0, '127.0.0.1', done));
  sitePort = (site.address() as AddressInfo).port;
  // A name standing in for a public site: "resolved" by the guard to the loopback server, and allowed by origin.
  proxy = await startGuardProxy({ allowOrigins: [`http://site.example:${sitePort}`], resolve: async (host) => (host === 'site.example' ? ['127.0.0.1'] : ['10.0.0.7']) });
});
afterAll(async () => {
  await proxy.close();
  site.close();
});
beforeEach(() => {
  hits = [];
  refusals = [];
});

const proxyPort = () => Number(new URL(proxy.server).port);

/** A browser's plain-http request through the proxy (absolute-form request line). */
const viaProxy = (url: string) =>
  new Promise<{ status: number; body: string; site?: string }>((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: proxyPort(), path: url, headers: { host: new URL(url).host } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, site: response.headers['x-site'] as string | undefined }));
    });
    request.on('error', reject);
    request.end();
  });

/** A browser's tunnel (https, wss) through the proxy: the proxy's answer line. */
const tunnel = (authority: string) =>
  new Promise<number>((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: proxyPort(), method: 'CONNECT', path: authority });
    request.on('connect', (response, socket) => {
      socket.destroy();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });

describe('the guard proxy every request of a guarded shot goes through', () => {
  it('forwards an allowed request to the address it checked (the name is never resolved again)', async () => {
    const stop = proxy.onRefusal((r) => refusals.push(r));
    try {
      expect(await viaProxy(`http://site.example:${sitePort}/about.html?x=1`)).toEqual({ status: 200, body: 'page /about.html?x=1', site: 'yes' });
    } finally {
      stop();
    }
    expect(hits).toEqual([`site.example:${sitePort} /about.html?x=1`]);
    expect(refusals).toEqual([]);
  });

  it('never opens a loopback address in an IPv6 spelling, nor a name resolving inside, over http or a tunnel; each refusal is reported', async () => {
    const stop = proxy.onRefusal((r) => refusals.push(r));
    try {
      expect(await viaProxy(`http://[::ffff:7f00:1]:${sitePort}/secret`)).toEqual({ status: 403, body: `Not opened: ::ffff:7f00:1 is 127.0.0.1 written as IPv6, a loopback address.`, site: undefined });
      expect(await viaProxy(`http://inside.example:${sitePort}/`)).toMatchObject({ status: 403, body: 'Not opened: inside.example resolves to 10.0.0.7, which is a private address.' });
      expect(await tunnel(`[64:ff9b::7f00:1]:${sitePort}`)).toBe(403);
      expect(await tunnel(`127.0.0.1:${sitePort}`)).toBe(403);
    } finally {
      stop();
    }
    expect(hits).toEqual([]);
    expect(refusals.map((r) => [r.authority, r.target])).toEqual([
      [`[::ffff:7f00:1]:${sitePort}`, `http://[::ffff:7f00:1]:${sitePort}/secret`],
      [`inside.example:${sitePort}`, `http://inside.example:${sitePort}/`],
      [`[64:ff9b::7f00:1]:${sitePort}`, `https://[64:ff9b::7f00:1]:${sitePort}`],
      [`127.0.0.1:${sitePort}`, `https://127.0.0.1:${sitePort}`],
    ]);
  });
});
