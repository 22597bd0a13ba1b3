/**
 * The everyday workflow flags. `--from/--to` give exactly the run on a file holding only those days
 * (backtest, paper, sweep + report, scenario fit, crosscheck), are recorded in the sweep's params, and are
 * refused with the flag named when the date is bad, reversed, outside the data or too short.
 * `--config live.json` sets the strategy and flags given win. The CSV exports hold the same numbers as
 * the JSON of the same run (12 significant digits) and leave that JSON unchanged.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCanonicalCsv, loadCanonicalCsv } from '../../../engine/data/csv.js';
import { repoPath } from '../../../engine/paths.js';
import { cli } from '../../helpers/cli.js';

const EXAMPLE = repoPath('fixtures', 'example', 'sol-synthetic-410d.csv');
const CONSERVATIVE = repoPath('fixtures', 'live', 'conservative.json');
const tmp = () => mkdtempSync(join(tmpdir(), 'dnh-wf-'));

/** The example's rows from..to written to a file of their own. */
function sliceFile(from: string, to: string): string {
  const rows = loadCanonicalCsv(EXAMPLE).filter((r) => r.date >= from && r.date <= to);
  const f = join(tmp(), `slice-${from}-${to}.csv`);
  writeFileSync(f, formatCanonicalCsv(rows));
  return f;
}

const csvRows = (text: string): string[][] => text.trim().split('\n').slice(1).map((l) => l.split(','));
const sig12 = (x: number): number => Number(x.toPrecision(12));

describe('--from/--to', () => {
  it('backtest: the same JSON as the run on a file holding only those days', async () => {
    const ranged = await cli('backtest', '--json', '--events', '--from', '2025-02-01', '--to', '2025-08-31', '--leverage', '3');
    const direct = await cli('backtest', '--json', '--events', '--data', sliceFile('2025-02-01', '2025-08-31'), '--leverage', '3');
    expect(ranged.code).toBe(0);
    expect(ranged.out).toBe(direct.out);
    expect(ranged.out).not.toBe((await cli('backtest', '--json', '--events', '--leverage', '3')).out);
  });

  it('paper: the same run as on the sliced file (only the recorded input differs)', async () => {
    const a = JSON.parse((await cli('paper', '--json', '--from', '2025-03-01', '--to', '2025-09-30')).out);
    const b = JSON.parse((await cli('paper', '--json', '--data', sliceFile('2025-03-01', '2025-09-30'))).out);
    expect(a.final).toEqual(b.final);
    expect(a.events).toEqual(b.events);
    expect([a.input.from, a.input.to, a.input.steps]).toEqual(['2025-03-01T00:00Z', '2025-10-01T00:00Z', 214]);
    expect([a.params.from, a.params.to]).toEqual(['2025-03-01', '2025-09-30']);
  });

  it('crosscheck and scenario fit: the same output as on the sliced file', async () => {
    const f = sliceFile('2025-01-15', '2025-12-15');
    const a = JSON.parse((await cli('crosscheck', '--json', '--from', '2025-01-15', '--to', '2025-12-15')).out);
    const b = JSON.parse((await cli('crosscheck', '--json', '--data', f)).out);
    expect(a.kernel).toEqual(b.kernel);
    expect(a.paper).toEqual(b.paper);
    const fa = await cli('scenario', 'fit', '--data', EXAMPLE, '--from', '2025-01-15', '--to', '2025-12-15');
    const fb = await cli('scenario', 'fit', '--data', f);
    expect(fa.code).toBe(0);
    expect(JSON.parse(fa.out.replaceAll(EXAMPLE, 'X'))).toEqual(JSON.parse(fb.out.replaceAll(f, 'X')));
  });

  it('sweep records the range in its params; report verifies the hash and re-runs on the same days', async () => {
    const d = tmp();
    const out = join(d, 'sweep.json');
    const s = await cli('sweep', '--data', EXAMPLE, '--leverage', '2,3', '--from', '2025-01-10', '--to', '2025-06-30', '--out', out);
    expect(s.code).toBe(0);
    const header = JSON.parse(readFileSync(out, 'utf8').split('\n')[0]!);
    expect(header.provenance.params).toMatchObject({ from: '2025-01-10', to: '2025-06-30' });
    expect(header.series[0]).toMatchObject({ from: '2025-01-10', to: '2025-06-30', days: 172 });
    const lane0 = JSON.parse(readFileSync(out, 'utf8').split('\n')[1]!);
    const direct = JSON.parse((await cli('backtest', '--json', '--data', sliceFile('2025-01-10', '2025-06-30'))).out);
    expect(lane0.finalEquity).toBe(direct.finalEquity);
    const r = await cli('report', '--results', out, '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    // A sweep over whole files records no range (its bytes do not change).
    const whole = join(d, 'whole.json');
    await cli('sweep', '--data', EXAMPLE, '--out', whole);
    expect(JSON.parse(readFileSync(whole, 'utf8').split('\n')[0]!).provenance.params).not.toHaveProperty('from');
  });

  const refusals: [string, string[], RegExp][] = [
    ['a bad date', ['--from', '2025-02-30'], /^dnh backtest: --from: expected a date YYYY-MM-DD, got "2025-02-30"/],
    ['a date that is not one', ['--to', 'yesterday'], /^dnh backtest: --to: expected a date YYYY-MM-DD/],
    ['from after to', ['--from', '2025-05-01', '--to', '2025-04-01'], /--from 2025-05-01 is after --to 2025-04-01/],
    ['a range before the data', ['--from', '2024-01-01'], /--from 2024-01-01: before the first day of .*sol-synthetic-410d\.csv \(2024-12-31\)/],
    ['a range after the data', ['--to', '2027-01-01'], /--to 2027-01-01: after the last day of .* \(2026-02-13\)/],
    ['a range wholly after the data', ['--from', '2026-03-01'], /--from 2026-03-01: after the last day/],
    ['a range of one day', ['--from', '2025-03-03', '--to', '2025-03-03'], /--from\/--to: 2025-03-03 \.\. 2025-03-03 leaves 1 step\(s\).*need at least 2/],
  ];
  for (const [name, args, msg] of refusals) {
    it(`refuses ${name}: one line naming the flag, exit 2`, async () => {
      for (const cmd of ['backtest', 'paper', 'sweep']) {
        const r = await cli(cmd, ...(cmd === 'sweep' ? ['--data', EXAMPLE] : []), ...args);
        expect(r.code, cmd).toBe(2);
        expect(r.err.trim().split('\n')).toHaveLength(1);
        expect(r.err.replace(`dnh ${cmd}:`, 'dnh backtest:')).toMatch(msg);
      }
    });
  }
});

describe('--config live.json (backtest, paper)', () => {
  it('backtest takes the strategy, venue and execution options from the file', async () => {
    const p = JSON.parse((await cli('backtest', '--json', '--config', CONSERVATIVE)).out).params;
    expect(p).toMatchObject({ capital: 10_000, leverage: 1.5, trigger: 2, model: 'rebalance', venue: 'drift', survivor: 'liquidation' });
    expect(p.long.liquidation).toEqual({ kind: 'partial', closeFactor: 0.2, bonus: 0.05 });
  });
  it('flags given win over the file, whatever their order', async () => {
    for (const args of [['--config', CONSERVATIVE, '--leverage', '1.2', '--venue', 'hl'], ['--leverage', '1.2', '--venue', 'hl', '--config', CONSERVATIVE]]) {
      const p = JSON.parse((await cli('backtest', '--json', ...args)).out).params;
      expect(p).toMatchObject({ leverage: 1.2, venue: 'hl', trigger: 2, survivor: 'liquidation' });
    }
  });
  it('paper takes capital, leverage and trigger; flags win', async () => {
    const a = JSON.parse((await cli('paper', '--json', '--config', CONSERVATIVE)).out).params;
    expect([a.capital, a.strategy.leverage, a.strategy.trigger]).toEqual([10_000, 1.5, 2]);
    const b = JSON.parse((await cli('paper', '--json', '--config', CONSERVATIVE, '--trigger', '3', '--capital', '5000')).out).params;
    expect([b.capital, b.strategy.leverage, b.strategy.trigger]).toEqual([5000, 1.5, 3]);
  });
  it('a configuration the schema refuses is bad data naming the field (exit 1); a bound still applies to its values', async () => {
    const d = tmp();
    const doc = JSON.parse(readFileSync(CONSERVATIVE, 'utf8'));
    const bad = join(d, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...doc, strategy: { ...doc.strategy, leverage: 'two' } }));
    const r = await cli('backtest', '--config', bad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/strategy\.leverage|strategy\/leverage/);
    const missing = await cli('paper', '--config', join(d, 'absent.json'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/absent\.json.*cannot read/);
  });
});

describe('--equity-csv and --events-csv', () => {
  it('backtest: the events CSV is the JSON event log, the equity CSV one row per day ending at the final close', async () => {
    const d = tmp();
    const [eq, ev] = [join(d, 'equity.csv'), join(d, 'events.csv')];
    const r = await cli('backtest', '--json', '--events', '--leverage', '3', '--equity-csv', eq, '--events-csv', ev);
    expect(r.code).toBe(0);
    // The exports change nothing in the JSON.
    expect(r.out).toBe((await cli('backtest', '--json', '--events', '--leverage', '3')).out);
    const o = JSON.parse(r.out);
    const events = csvRows(readFileSync(ev, 'utf8'));
    expect(events).toHaveLength(o.events.length);
    events.forEach((row, i) => {
      const e = o.events[i];
      expect(row.slice(0, 3)).toEqual([e.date, e.kind, e.leg]);
      expect(row.slice(3, 7).map(Number)).toEqual([e.price, e.equityBefore, e.equityAfter, e.cost].map(sig12));
      for (const f of row) expect(f.replace(/^-|\.|e.*$/g, '').replace(/^0+/, '').length).toBeLessThanOrEqual(12);
    });
    const equity = csvRows(readFileSync(eq, 'utf8'));
    const rows = loadCanonicalCsv(EXAMPLE);
    expect(equity.map((x) => x[0])).toEqual(rows.map((x) => x.date));
    const lastClose = o.events.at(-1);
    expect(lastClose.kind).toBe('close');
    expect(Number(equity.at(-1)![2])).toBe(sig12(lastClose.equityBefore));
    expect(sig12(lastClose.equityAfter)).toBe(sig12(o.finalEquity));
    expect(Math.min(...equity.map((x) => Number(x[3])))).toBeGreaterThanOrEqual(-o.maxDrawdown - 1e-9);
  });
  it('without --events, --events-csv still writes the log and the JSON stays without it', async () => {
    const d = tmp();
    const r = await cli('backtest', '--json', '--events-csv', join(d, 'ev.csv'));
    expect(JSON.parse(r.out)).not.toHaveProperty('events');
    expect(csvRows(readFileSync(join(d, 'ev.csv'), 'utf8')).length).toBeGreaterThan(1);
  });
  it('paper: the events CSV is the JSON event log; the equity curve ends at the final total equity', async () => {
    const d = tmp();
    const [eq, ev] = [join(d, 'equity.csv'), join(d, 'events.csv')];
    const r = await cli('paper', '--json', '--equity-csv', eq, '--events-csv', ev);
    expect(r.code).toBe(0);
    expect(r.out).toBe((await cli('paper', '--json')).out);
    const o = JSON.parse(r.out);
    const text = readFileSync(ev, 'utf8').trim().split('\n').slice(1);
    expect(text).toHaveLength(o.events.length);
    text.forEach((line, i) => expect(line.startsWith(`${o.events[i].time},${o.events[i].kind},`)).toBe(true));
    const curve = csvRows(readFileSync(eq, 'utf8'));
    expect(curve).toHaveLength(o.input.steps);
    expect(curve.at(-1)![0]).toBe(o.final.time);
    expect(Number(curve.at(-1)![5])).toBe(sig12(o.final.totalEquity / 1e6));
    for (const row of curve) expect(Number(row[5])).toBeCloseTo(Number(row[2]) + Number(row[3]) + Number(row[4]), 5);
  });
  it('an export naming the input is refused before any work (exit 2)', async () => {
    const r = await cli('backtest', '--equity-csv', EXAMPLE);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--equity-csv/);
  });
});
