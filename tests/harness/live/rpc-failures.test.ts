/**
 * `dnh live`'s RPC path turns RPC failures AFTER the first read into one typed RpcError: one line, exit 5,
 * no stack trace, no misleading "did not load" (runs everywhere: the account-only local world serves the
 * first reads, then the injected Connection's chosen method starts failing). Covered: the market reads
 * (getMultipleAccountsInfo), the account loader while subscribing to markets and oracles (a failure the
 * SDK's loader would swallow), and the USDC token account read after setup. The error message carries
 * no URL path or query (an RPC key) and no form of the key file's secret.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keypair, type Connection } from '@solana/web3.js';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { RpcError, SafetyRefusedError } from '../../../engine/drift/write/errors.js';
import { createWorldLoader } from '../../../harness/chain/loader.js';
import { startWorld } from '../../../harness/chain/world.js';
import { runAndPrint } from '../../../harness/live/cli.js';
import { runLive, type LiveDeps, type LiveRequest } from '../../../harness/live/run.js';
import { configFor, keyFile, passFor } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'dnh-live-rpcfail-'));
afterAll(() => rmSync(dir, { recursive: true }));

/** `connection` whose `method` rejects from its `after`+1-th call on (an RPC URL with a key in the message); counts calls. */
function failing(connection: Connection, method: string, after: number): { connection: Connection; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const proxy = new Proxy(connection, {
    get(t, p) {
      const v: unknown = Reflect.get(t, p, t);
      if (typeof v !== 'function') return v;
      return (...a: unknown[]) => {
        const n = (calls.get(String(p)) ?? 0) + 1;
        calls.set(String(p), n);
        if (String(p) === method && n > after) return Promise.reject(new Error(`429 Too Many Requests from https://rpc.example/v2/SECRETTOKEN?api-key=SECRETKEY\n    at fetch (node:internal)`));
        return (v as (...x: unknown[]) => unknown).apply(t, a);
      };
    },
  });
  return { connection: proxy, calls };
}

describe('dnh live RPC path: RPC failures after the first read', () => {
  it('markets, the loader while subscribing, the wallet read: each one line, exit 5, RpcError naming the step; nothing journaled or printed', async () => {
    const world = await startWorld();
    const demo = Keypair.fromSeed(new Uint8Array(32).fill(1)); // the world's `demo` user
    const key = keyFile(dir, demo);
    const { config, hash } = configFor(demo.publicKey.toBase58());
    const nowMs = () => world.now().unixTs * 1000;
    const req = (k: string): LiveRequest => ({ cmd: { type: 'CLOSE_POSITION', marketIndex: 0 }, keypairPath: key.path, config, pass: passFor(config, hash, nowMs()), subAccount: 0, marketIndex: 0, journalDir: join(dir, 'j'), key: k, killSwitch: join(dir, 'KILL'), simulateOnly: true });
    const deps = async (method: string, after: number) => {
      const f = failing(world.connection as unknown as Connection, method, after);
      const d: LiveDeps = { connection: f.connection as never, accountLoader: await createWorldLoader(f.connection), programId: world.programId, sleep: async () => {}, nowMs };
      return { d, calls: f.calls };
    };
    const logs: string[] = [];
    const spies = (['log', 'warn', 'error', 'info', 'debug'] as const).map((m) => vi.spyOn(console, m).mockImplementation((...a: unknown[]) => void logs.push(a.map(String).join(' '))));
    const outs: string[] = [];
    try {
      const cases: [string, number, RegExp][] = [
        ['getMultipleAccountsInfo', 0, /^reading the Drift PerpMarket accounts [0-9, ]+ failed after 1 attempt\(s\): 429 Too Many Requests from https:\/\/rpc\.example\/… at fetch/],
        ['getAccountInfoAndContext', 0, /^subscribing to the Drift markets and oracles failed after 1 attempt\(s\): 429/],
        ['getAccountInfo', 1, /^reading the USDC token account \S+ failed after 1 attempt\(s\): 429/],
      ];
      for (const [method, after, expected] of cases) {
        const { d, calls } = await deps(method, after);
        const e = await runLive(req(`k-${method}`), d).catch((x: unknown) => x);
        expect(e, method).toBeInstanceOf(RpcError);
        expect((e as RpcError).message, method).toMatch(expected);
        expect(calls.get(method), method).toBeGreaterThan(after); // it did fail there, after the first reads
        // through the CLI's printer: one line on stderr, exit 5
        let out = '';
        let err = '';
        const again = await deps(method, after);
        const code = await runAndPrint(req(`k2-${method}`), again.d, { out: (t) => (out += t), err: (t) => (err += t), isTty: false }, false, 'close');
        expect([code, err.split('\n').filter(Boolean).length], method).toEqual([5, 1]);
        expect(err).toMatch(/^dnh live close: /);
        outs.push(out, err, (e as Error).message);
      }
      // the control: the same request on an unbroken connection gets past every read, to the kill switch
      // (the account-only world has no program to simulate against)
      writeFileSync(join(dir, 'KILL'), '');
      const ok = await deps('none', 0);
      const r = await runLive(req('k-ok'), ok.d).catch((x: unknown) => x);
      expect(r).toBeInstanceOf(SafetyRefusedError);
      expect((r as SafetyRefusedError).gate).toBe('kill-switch');
    } finally {
      for (const sp of spies) sp.mockRestore();
    }
    for (const t of [...outs, ...logs]) {
      expect(t).not.toContain('SECRETTOKEN');
      expect(t).not.toContain('SECRETKEY');
      for (const f of key.forms) expect(t.includes(f)).toBe(false);
    }
    expect(logs.join('\n')).not.toMatch(/Error in bulkAccountLoader/); // the loader's failures are not swallowed and logged
    for (const l of logs) expect(l.split('\n').length, l).toBe(1); // what the SDK still logs: one redacted line, no stack
    const journal = join(dir, 'j', `${demo.publicKey.toBase58()}-0.jsonl`);
    expect(existsSync(journal) ? readFileSync(journal, 'utf8') : '').toBe(''); // nothing journaled
    await world.close();
  }, 120_000);
});
