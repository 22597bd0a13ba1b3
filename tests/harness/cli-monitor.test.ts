/**
 * `dnh monitor`: `--demo --once --json` prints exactly one snapshot (schema dnh-monitor v1) of the local
 * world's demo account; bad flag combinations and values exit 2 with one clear line; the live path is
 * read-only (no keypair is ever loaded: nothing on it can even name one).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../../engine/paths.js';
import { cli } from '../helpers/cli.js';

describe('dnh monitor', () => {
  it('--demo --once --json prints one snapshot of the local world', async () => {
    const r = await cli('monitor', '--demo', '--once', '--json', '--log-level', 'silent');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines.length).toBe(1);
    const s = JSON.parse(lines[0]!);
    expect([s.schema, s.version, s.type, s.seq]).toEqual(['dnh-monitor', 1, 'snapshot', 1]);
    expect(s.error).toBeNull();
    expect(s.figures.health).toBeGreaterThan(50);
    expect(s.figures.health).toBeLessThanOrEqual(100);
    expect(s.positions.map((p: { market: string }) => p.market)).toEqual(['SOL-PERP', 'BTC-PERP', 'ETH-PERP', 'APT-PERP', '1MBONK-PERP', 'POL-PERP', 'ARB-PERP', 'DOGE-PERP']);
    expect(s.balances.map((b: { market: string }) => b.market)).toEqual(['USDC', 'SOL']);
    expect(BigInt(s.raw.totalCollateralMaintenance)).toBe(BigInt(Math.round(s.figures.totalCollateral * 1e6)));
    const sol = s.positions[0];
    expect(sol.side).toBe('short');
    expect(sol.liquidationPrice).toBeGreaterThan(sol.oraclePrice);
    expect(sol.distanceToLiquidation).toBeCloseTo((sol.liquidationPrice - sol.oraclePrice) / sol.oraclePrice, 12);
  });

  it.each([
    [[], 'need --rpc URL and --authority PUBKEY, or --demo'],
    [['--rpc', 'http://127.0.0.1:1'], 'need --rpc URL and --authority PUBKEY, or --demo'],
    [['--demo', '--authority', '11111111111111111111111111111112'], '--demo runs the local world'],
    [['--demo', '--json'], '--json needs --once'],
    [['--rpc', 'not a url', '--authority', '11111111111111111111111111111112'], '--rpc: "not a url" is not a URL'],
    [['--rpc', 'http://127.0.0.1:1', '--authority', 'not-base58!', '--once', '--log-level', 'silent'], 'authority "not-base58!" is not a base58 Solana public key'],
    [['--rpc', 'http://127.0.0.1:1', '--authority', '11111111111111111111111111111112', '--subaccount', '1.5'], '--subaccount: expected a whole number >= 0'],
    [['--demo', '--keypair', 'id.json'], "Unknown option '--keypair'"],
  ])('usage error %j', async (args, message) => {
    const r = await cli('monitor', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err.trim().split('\n').length).toBe(1);
  });

  it('the read-only path never names a keypair or a secret key, nor reads a file', () => {
    for (const f of ['harness/cli/monitor.ts', 'engine/drift/reader.ts', 'engine/drift/addresses.ts', 'harness/monitor/monitor.ts', 'harness/monitor/server.ts']) {
      const code = readFileSync(repoPath(...f.split('/')), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code, f).not.toMatch(/Keypair|secretKey|fromSecretKey|loadKeypair|readFileSync/);
    }
  });
});
