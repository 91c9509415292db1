import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSsm {
  endpoint: string;
  calls: string[];
  close(): Promise<void>;
}

/** A loopback SSM (JSON 1.1 protocol) holding a few parameters, so a production bundle can start without AWS. */
export async function startFakeSsm(parameters: Record<string, string>): Promise<FakeSsm> {
  const calls: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const action = String(req.headers['x-amz-target'] ?? '').replace('AmazonSSM.', '');
      calls.push(action);
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { Name?: string; Path?: string };
      const reply = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(body));
      if (action === 'GetParameter') {
        const value = input.Name ? parameters[input.Name] : undefined;
        if (value === undefined) return reply(400, { __type: 'ParameterNotFound', message: `${input.Name} not found` });
        return reply(200, { Parameter: { Name: input.Name, Type: 'SecureString', Value: value, Version: 1 } });
      }
      if (action === 'GetParametersByPath') {
        const prefix = `${input.Path ?? ''}/`;
        return reply(200, { Parameters: Object.entries(parameters).filter(([n]) => n.startsWith(prefix)).map(([Name, Value]) => ({ Name, Value, Type: 'String', Version: 1 })) });
      }
      return reply(400, { __type: 'InvalidAction', message: `${action} is not served here` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
