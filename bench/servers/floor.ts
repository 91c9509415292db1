import { createPublicKey, verify } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The floor: a bare node:http server that verifies Discord's Ed25519 signature and answers PONG, nothing else. */
const key = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(process.env.DISCORD_PUBLIC_KEY ?? '', 'hex')]), format: 'der', type: 'spki' });

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const signature = String(req.headers['x-signature-ed25519'] ?? '');
    const timestamp = String(req.headers['x-signature-timestamp'] ?? '');
    const ok = verify(null, Buffer.concat([Buffer.from(timestamp), Buffer.concat(chunks)]), key, Buffer.from(signature, 'hex'));
    if (!ok) {
      res.writeHead(401).end('invalid request signature');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"type":1}');
  });
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/discord` })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
