/**
 * A minimal Solana JSON-RPC server over HTTP on loopback, answering from a local world's bank
 * (getAccountInfo, getMultipleAccounts, getSlot, getHealth): so `dnh monitor --rpc URL` runs its real
 * live wiring (web3 `Connection`, the SDK's `BulkAccountLoader`) against the world. Unknown methods get
 * JSON-RPC error -32601 and are recorded; every request is recorded (method, URL) for the tests.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { World } from '../../harness/chain/world.js';

export interface RpcBridge {
  url: string;
  requests: { method: string; url: string }[];
  unknown: string[];
  close(): Promise<void>;
}

export async function startRpcBridge(world: World, o: { failFirst?: number } = {}): Promise<RpcBridge> {
  const { PublicKey } = await import('@solana/web3.js');
  const requests: RpcBridge['requests'] = [];
  const unknown: string[] = [];
  let toFail = o.failFirst ?? 0;
  const account = async (key: string): Promise<unknown> => {
    const info = await world.connection.getAccountInfo(new PublicKey(key));
    if (info === null) return null;
    return { data: [Buffer.from(info.data).toString('base64'), 'base64'], executable: info.executable, lamports: info.lamports, owner: info.owner.toBase58(), rentEpoch: 0, space: info.data.length };
  };
  const answer = async (method: string, params: unknown[]): Promise<unknown> => {
    const context = { slot: Number(world.now().slot) };
    switch (method) {
      case 'getAccountInfo':
        return { context, value: await account(params[0] as string) };
      case 'getMultipleAccounts':
        return { context, value: await Promise.all((params[0] as string[]).map(account)) };
      case 'getSlot':
        return context.slot;
      case 'getHealth':
        return 'ok';
      default:
        unknown.push(method);
        throw Object.assign(new Error(`method ${method} not served`), { code: -32601 });
    }
  };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const one = async (r: { id: unknown; method: string; params?: unknown[] }): Promise<unknown> => {
        requests.push({ method: r.method, url: req.url ?? '' });
        try {
          return { jsonrpc: '2.0', id: r.id, result: await answer(r.method, r.params ?? []) };
        } catch (e) {
          return { jsonrpc: '2.0', id: r.id, error: { code: (e as { code?: number }).code ?? -32000, message: (e as Error).message } };
        }
      };
      if (toFail > 0) {
        toFail--;
        res.writeHead(503, { 'content-type': 'text/plain' });
        res.end('busy');
        return;
      }
      const parsed = JSON.parse(body);
      const out = Array.isArray(parsed) ? await Promise.all(parsed.map(one)) : await one(parsed);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(out));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests, unknown,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
