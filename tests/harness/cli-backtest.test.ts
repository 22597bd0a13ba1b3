/**
 * The `dnh backtest` contract: one JSON object with the named fields, byte-identical output for the
 * same input, overrides applied, exit status 2 with one line for usage errors, 1 with the loader's
 * message for bad data, never a stack trace; and the bundled example regenerates byte for byte.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../../engine/paths.js';
import { cli } from '../helpers/cli.js';

const JSON_KEYS = ['finalEquity', 'totalReturn', 'annualized', 'maxDrawdown', 'liquidations', 'liquidatedLegs', 'rebalances', 'rotations', 'ruined', 'minHealthLong', 'minHealthShort', 'waterfall', 'params', 'convention'];

describe('dnh backtest', () => {
  it('prints exactly one JSON object with the contract fields, in order', async () => {
    const r = await cli('backtest', '--json');
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n').length).toBe(1);
    const o = JSON.parse(r.out);
    expect(Object.keys(o)).toEqual(JSON_KEYS);
    expect(Object.keys(o.waterfall)).toEqual(['lendIncome', 'borrowInterest', 'funding', 'fees', 'transferCosts', 'penalties', 'pricePnl', 'badDebt']);
    expect(o.convention).toBe('exact');
    expect(o.params).toMatchObject({ capital: 10_000, leverage: 2, trigger: 4, venue: 'hl', model: 'rebalance' });
  });

  it('gives byte-identical --json output for the same input, twice', async () => {
    const a = await cli('backtest', '--json', '--events', '--leverage', '3', '--venue', 'drift');
    const b = await cli('backtest', '--json', '--events', '--leverage', '3', '--venue', 'drift');
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(JSON.parse(a.out).events.length).toBeGreaterThan(1);
  });

  it('applies the section 3 overrides named as MODEL.md names them', async () => {
    const r = await cli('backtest', '--json', '--long.openFeeBps', '10', '--long.closeFeeBps', '2', '--long.maintenance', '0.12', '--long.penalty', 'equity:0.3', '--perp.feeBps', '2', '--perp.maintenance', '0.04', '--perp.penalty', 'notional:0.02', '--transferCost', '1.5', '--capital', '5000', '--trigger', '999');
    expect(r.code).toBe(0);
    const p = JSON.parse(r.out).params;
    expect(p.long).toEqual({ openFeeBps: 10, closeFeeBps: 2, maintenance: 0.12, penalty: { kind: 'equity', rate: 0.3 }, liquidation: { kind: 'full' } });
    expect(p.perp).toEqual({ feeBps: 2, maintenance: 0.04, penalty: { kind: 'notional', rate: 0.02 } });
    expect([p.transferCost, p.capital, p.trigger]).toEqual([1.5, 5000, 999]);
  });

  it('prints a readable summary with the parameters and the waterfall', async () => {
    const r = await cli('backtest', '--events');
    expect(r.code).toBe(0);
    for (const s of ['parameters', 'P&L waterfall', 'lend income', 'price P&L', 'final equity', 'events', 'open']) expect(r.out).toContain(s);
  });

  const usage: [string, string[], RegExp][] = [
    ['an unknown flag', ['--levrage', '3'], /Unknown option '--levrage'/],
    ['a bad number', ['--leverage', 'three'], /--leverage: expected a number, got "three"/],
    ['a bad choice', ['--venue', 'binance'], /--venue: expected one of hl, drift/],
    ['a bad penalty', ['--perp.penalty', 'half'], /--perp.penalty: expected notional:RATE or equity:RATE/],
    ['an invalid combination', ['--leverage', '5'], /trigger\/leverage: invalid combination/],
    ['a trigger under 1.2L', ['--leverage', '2', '--trigger', '2.3'], /invalid combination/],
    ['a maintenance out of range', ['--long.maintenance', '1.5'], /--long.maintenance: must lie in \[0.001, 0.9\] \(maintenance margin fraction/],
    ['the study convention with another model', ['--convention', 'study', '--model', 'rotation'], /study convention has only the rebalance model/],
    ['a missing value', ['--capital'], /argument missing/],
  ];
  for (const [name, args, message] of usage) {
    it(`exits 2 with one line for ${name}`, async () => {
      const r = await cli('backtest', ...args);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim().split('\n').length).toBe(1);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    });
  }

  it('accepts T = 1.2 L typed in decimal (relative tolerance 1e-9)', async () => {
    expect((await cli('backtest', '--json', '--leverage', '3', '--trigger', '3.6')).code).toBe(0);
  });

  it('exits 1 with the loader message for bad data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnh-bt-'));
    const f = join(dir, 'bad.csv');
    writeFileSync(f, 'date,open,high,low,close,funding,lend_apy,borrow_apy\n2025-01-01,100,110,95,105,0,0,0\n2025-01-03,100,110,95,105,0,0,0\n');
    const r = await cli('backtest', '--data', f);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${f}, row 3, date 2025-01-03, field date: gap`);
    expect(r.err.trim().split('\n').length).toBe(1);
  });

  it('runs as a whole process from the build, with exit statuses', () => {
    const bin = repoPath('dist', 'harness', 'cli', 'main.js');
    const ok = execFileSync(process.execPath, [bin, 'backtest', '--json'], { encoding: 'utf8' });
    expect(JSON.parse(ok).finalEquity).toBeGreaterThan(0);
    const bad = spawnSync(process.execPath, [bin, 'backtest', '--nope'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('dnh example', () => {
  it('regenerates the bundled example byte for byte', async () => {
    const r = await cli('example');
    expect(r.code).toBe(0);
    expect(r.out).toBe(readFileSync(repoPath('fixtures', 'example', 'sol-synthetic-410d.csv'), 'utf8'));
  });
  it('contains the spike day and the funding regime change it documents', async () => {
    const rows = (await cli('example')).out.trim().split('\n').slice(1).map((l) => l.split(','));
    const spike = rows.find((r) => r[0] === '2025-01-18')!;
    expect(Number(spike[2]) / Number(spike[1])).toBeCloseTo(1.4, 2);
    const mean = (a: string[][]) => a.reduce((s, r) => s + Number(r[5]), 0) / a.length;
    expect(mean(rows.slice(0, 260))).toBeGreaterThan(0);
    expect(mean(rows.slice(260))).toBeLessThan(0);
  });
});
