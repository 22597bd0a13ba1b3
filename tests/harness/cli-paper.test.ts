/**
 * The `dnh paper` contract: the human output has the event log, alerts and final state; `--json` is
 * exactly one JSON object whose final totals add up and whose output is byte-identical across runs;
 * hourly input runs; bad flags exit 2 and bad data exit 1, each with one line and no stack trace.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

describe('dnh paper', () => {
  it('prints the event log, the alerts and the final state', async () => {
    const r = await cli('paper');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^dnh paper: .*sol-synthetic-410d\.csv \(410 daily steps\), capital \$10,000\.00/);
    expect(r.out).toMatch(/\nevents:\n/);
    expect(r.out).toMatch(/strategy +open: net APY/);
    expect(r.out).toMatch(/command +perp OPEN_POSITION short/);
    expect(r.out).toMatch(/\nalerts: /);
    expect(r.out).toMatch(/\nfinal state \(/);
    expect(r.out).toMatch(/total equity +\$\d{1,3}(,\d{3})*\.\d\d/);
  });

  it('--json: one object, totals add up, byte-identical twice', async () => {
    const a = await cli('paper', '--json', '--capital', '5000', '--leverage', '3', '--trigger', '6');
    const b = await cli('paper', '--json', '--capital', '5000', '--leverage', '3', '--trigger', '6');
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(a.out.trim().split('\n')).toHaveLength(1);
    const o = JSON.parse(a.out);
    expect(Object.keys(o)).toEqual(['input', 'params', 'events', 'alerts', 'liquidations', 'final', 'provenance']);
    expect(o.params.strategy.leverage).toBe(3);
    expect(o.final.totalEquity).toBe(o.final.wallet + o.final.perp.equity + o.final.spot.equity);
    expect(o.events[0].time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);
  });

  it('the flat-then-wick file (flat at 100, one day low at 55) liquidates, with amounts, alerts on the way down', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnh-paper-'));
    const file = join(dir, 'wick.csv');
    const lines = ['date,open,high,low,close,funding,lend_apy,borrow_apy'];
    for (let i = 0; i < 60; i++) lines.push(`${new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10)},100,100,${i === 30 ? 55 : 100},100,0.0005,0.06,0.07`);
    writeFileSync(file, lines.join('\n') + '\n');
    const r = await cli('paper', '--data', file, '--json');
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out);
    expect(o.final.counts.liquidations).toBeGreaterThanOrEqual(1);
    const l = o.liquidations.spot[0];
    expect(l.time).toMatch(/^2025-01-31T0\d:\d\dZ$/);
    expect(l.rounds[0].repaid).toBeGreaterThan(0);
    expect(l.rounds[0].bonus).toBeGreaterThan(0);
    expect(o.alerts.filter((a: { time: string }) => a.time < l.time).map((a: { level: string }) => a.level)).toEqual(['warning', 'critical']);
    const human = await cli('paper', '--data', file);
    expect(human.out).toMatch(/liquidation lending liquidated at 59\.\d{4}: 1 partial round/);
  });

  it('runs an hourly CSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnh-paper-'));
    const file = join(dir, 'hourly.csv');
    const lines = ['time,price,funding,lend_apy,borrow_apy'];
    for (let h = 0; h < 10 * 24; h++) lines.push(`2025-05-${String(1 + Math.floor(h / 24)).padStart(2, '0')}T${String(h % 24).padStart(2, '0')}:00:00Z,150,0.00003,0.06,0.07`);
    writeFileSync(file, lines.join('\n') + '\n');
    const r = await cli('paper', '--hourly', file, '--lookback-hours', '24', '--json');
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out);
    expect(o.input).toMatchObject({ granularity: 'hourly', steps: 240 });
    expect(o.final.counts.opens).toBe(1);
  });

  it('bad flags exit 2 and bad data exit 1, one line each, no stack trace', async () => {
    for (const argv of [['--bogus'], ['--capital', 'x'], ['--leverage', '20'], ['--data', 'a.csv', '--hourly', 'b.csv'], ['--exit-health', '101']]) {
      const r = await cli('paper', ...argv);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    const dir = mkdtempSync(join(tmpdir(), 'dnh-paper-'));
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'time,price,funding,lend_apy,borrow_apy\n2025-05-01T00:00:00Z,150,0,0.06,0.07\n2025-05-01T02:00:00Z,150,0,0.06,0.07\n');
    const r = await cli('paper', '--hourly', bad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.csv, row 3, date 2025-05-01, field time/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});
