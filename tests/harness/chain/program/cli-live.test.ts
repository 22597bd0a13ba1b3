/**
 * `dnh live`: input validated exactly before anything else (exit 2, naming the field), the kill switch
 * and the pre-live gate refuse (exit 3, with the reason) before any key is read or any connection is
 * made: the keypair path given does not even exist, and nothing touches the network.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../../../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'dnh-live-'));
afterAll(() => rmSync(dir, { recursive: true }));
const base = ['--rpc', 'http://127.0.0.1:1', '--keypair', join(dir, 'absent-key.json'), '--kill-switch', join(dir, 'KILL')];

describe('dnh live', () => {
  it('refuses every command at the pre-live gate without a configuration and report, --simulate-only included (details: tests/harness/gate/cli.test.ts)', async () => {
    for (const args of [['deposit', '250'], ['withdraw', '12.5'], ['open', 'short', '1.5'], ['close'], ['settle'], ['deposit', '1', '--simulate-only']]) {
      const r = await cli('live', ...args, ...base);
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.err).toMatch(/refused by pre-live-gate: no passing pre-live gate report for configuration \(none\): no --config live.json given/);
    }
    const j = await cli('live', 'deposit', '250', '--json', '--gate-report', join(dir, 'r.json'), ...base);
    expect(JSON.parse(j.out)).toEqual({ command: 'DEPOSIT', refused: { gate: 'pre-live-gate', reason: expect.stringContaining(join(dir, 'r.json')) }, simulateOnly: false });
  });

  it('the kill switch refuses first', async () => {
    writeFileSync(join(dir, 'KILL'), '');
    const r = await cli('live', 'deposit', '250', ...base);
    rmSync(join(dir, 'KILL'));
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/refused by kill-switch/);
  });

  it('bad input exits 2 naming the field, before any safety check', async () => {
    const cases: [string[], RegExp][] = [
      [['deposit', '0.0000001'], /invalid amount: .*more than 6 decimals/],
      [['withdraw', '0'], /invalid amount: 0 must be positive/],
      [['open', 'short', '1.00005'], /invalid size: .*not a multiple of the market step 0.0001/],
      [['open', 'sideways', '1'], /invalid direction/],
      [['deposit'], /expected AMOUNT/],
      [['fly'], /unknown live command "fly"/],
    ];
    for (const [args, msg] of cases) {
      const r = await cli('live', ...args, ...base);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(msg);
    }
    expect((await cli('live', 'deposit', '1', '--keypair', 'k.json')).err).toMatch(/--rpc URL is required/);
    expect((await cli('live', 'deposit', '1', '--rpc', 'http://x')).err).toMatch(/--keypair FILE is required/);
  });
});
