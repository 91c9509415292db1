import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { checkedDestination, type NetworkGuard } from './url-guard';

/** A connection the proxy would not open. */
export interface ProxyRefusal {
  /** `host:port` as the browser asked for it (brackets around IPv6), normalized by the URL parser. */
  authority: string;
  /** The full URL for plain http; `https://host:port` for a tunnel (the path is not visible to a proxy). */
  target: string;
  reason: string;
}

/**
 * A forward proxy on 127.0.0.1 that opens only connections the NetworkGuard allows. Chromium sends every
 * request of a context through it (redirect hops, frames, workers, WebSockets; loopback too, as Playwright
 * adds `<-loopback>`), so each hop is checked before anything reaches it, and the connection goes to the very
 * address that was checked (no second DNS answer in between).
 */
export interface GuardProxy {
  /** `http://127.0.0.1:<port>`, for the context's proxy option. */
  server: string;
  /** Calls `listener` for each refusal until the returned function is called. */
  onRefusal(listener: (refusal: ProxyRefusal) => void): () => void;
  close(): Promise<void>;
}

/** Headers that describe one hop, not the request: never forwarded (RFC 9110 §7.6.1, plus the proxy's own). */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'proxy-authenticate', 'te', 'trailer', 'upgrade']);

const forwardedHeaders = (headers: IncomingHttpHeaders): IncomingHttpHeaders =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_HEADERS.has(name.toLowerCase())));

const forwardedRawHeaders = (raw: string[]): string[] => {
  const kept: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) if (!HOP_HEADERS.has(raw[i]!.toLowerCase())) kept.push(raw[i]!, raw[i + 1]!);
  return kept;
};

/** `host:port` of a URL, with the scheme's default port written out. */
export function authorityOf(url: URL): string {
  const port = url.port || (url.protocol === 'https:' || url.protocol === 'wss:' ? '443' : '80');
  return `${url.hostname}:${port}`;
}

export async function startGuardProxy(guard: NetworkGuard): Promise<GuardProxy> {
  const listeners = new Set<(refusal: ProxyRefusal) => void>();
  const sockets = new Set<Duplex>();
  const track = (socket: Duplex) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const refuse = (refusal: ProxyRefusal) => listeners.forEach((listener) => listener(refusal));

  const forward = async (request: IncomingMessage, response: ServerResponse) => {
    let target: URL;
    try {
      target = new URL(request.url ?? '');
    } catch {
      response.writeHead(400, { 'content-type': 'text/plain', connection: 'close' }).end('This proxy takes absolute http:// URLs only.');
      return;
    }
    if (target.protocol !== 'http:') {
      response.writeHead(400, { 'content-type': 'text/plain', connection: 'close' }).end('This proxy takes absolute http:// URLs only.');
      return;
    }
    const destination = await checkedDestination(target.hostname, target.origin, guard);
    if (!('address' in destination)) {
      if ('refusal' in destination) refuse({ authority: authorityOf(target), target: target.href, reason: destination.refusal });
      const why = 'refusal' in destination ? destination.refusal : destination.unresolved;
      response.writeHead('refusal' in destination ? 403 : 502, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end(`Not opened: ${why}.`);
      return;
    }
    const upstream = httpRequest({
      host: destination.address,
      port: Number(target.port || 80),
      method: request.method,
      path: `${target.pathname}${target.search}`,
      headers: forwardedHeaders(request.headers),
      setHost: false,
      agent: false,
    });
    upstream.on('response', (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.statusMessage, forwardedRawHeaders(answer.rawHeaders));
      answer.pipe(response);
    });
    upstream.on('error', () => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain', connection: 'close' }).end('The site did not answer.');
      else response.destroy();
    });
    // The browser gave up on the request (page closed, navigation replaced): so does the proxy.
    response.on('close', () => upstream.destroy());
    request.pipe(upstream);
  };

  const tunnel = async (request: IncomingMessage, client: Duplex, head: Buffer) => {
    track(client);
    client.on('error', () => client.destroy());
    let target: URL;
    try {
      // The URL parser normalizes the authority as the browser's did (numeric IPv4 forms, IPv6 case and zeros).
      target = new URL(`https://${request.url ?? ''}`);
    } catch {
      client.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    const destination = await checkedDestination(target.hostname, target.origin, guard);
    if (!('address' in destination)) {
      if ('refusal' in destination) refuse({ authority: authorityOf(target), target: target.origin, reason: destination.refusal });
      client.end(`HTTP/1.1 ${'refusal' in destination ? '403 Forbidden' : '502 Bad Gateway'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    const upstream: Socket = connect({ host: destination.address, port: Number(target.port || 443) });
    track(upstream);
    upstream.on('error', () => {
      client.destroy();
      upstream.destroy();
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    upstream.on('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
  };

  const server = createServer((request, response) => {
    forward(request, response).catch(() => response.destroy());
  });
  server.on('connection', track);
  server.on('connect', (request: IncomingMessage, client: Duplex, head: Buffer) => {
    tunnel(request, client, head).catch(() => client.destroy());
  });
  // A WebSocket through an HTTP proxy is tunnelled with CONNECT; an upgrade of a plain request is not served.
  server.on('upgrade', (_request: IncomingMessage, client: Duplex) => client.destroy());
  server.on('clientError', (_error, client: Duplex) => client.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server: `http://127.0.0.1:${port}`,
    onRefusal(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}
