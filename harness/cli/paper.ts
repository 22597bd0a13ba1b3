/**
 * `dnh paper`: the strategy against the paper venue over a replay (canonical daily rows, or an hourly
 * CSV with --hourly), printing the event log, the alerts and the final state; `--json` prints exactly
 * one JSON object (integer venue units as numbers: quote and USD amounts in 1e6, SOL in 1e9).
 */
import { fixed, money, price, signedPercent } from '../../engine/format/number.js';
import { parseArgs } from 'node:util';
import { loadCanonicalCsv } from '../../engine/data/csv.js';
import { DataError, UsageError } from '../../engine/errors.js';
import { firstNonFinite } from '../verdict/finite.js';
import { formatUtcMinute, loadHourlyCsv, stepsFromDaily, type ReplayStep } from '../../engine/paper/replay.js';
import { repoPath } from '../../engine/paths.js';
import { DEFAULT_LIMITS } from '../../engine/safety/gates.js';
import { DEFAULT_STRATEGY, type StrategyParams } from '../../engine/strategy/fundingEngine.js';
import { runPaper, type PaperRun } from '../../engine/drivers/paperDriver.js';
import { EXAMPLE_DATA } from './backtest.js';
import { provenance, recordedPath } from '../io/provenance.js';
import { boundedFlag, numberFlag, parseFlags } from './flags.js';
import type { Command } from './io.js';
import { formatIsoDay } from '../../engine/data/dates.js';
import { checkOutputs, writeOutputs, type OutputFile } from '../io/atomic.js';
import { dayRange, sliceByDay } from '../data/range.js';
import { configFlags } from './config-file.js';
import { paperEquityCsv, paperEventsCsv } from './exports.js';

const DAY_MS = 86_400_000;
import { PAPER_OPTIONS } from './specs/drift.js';

const OPTIONS = PAPER_OPTIONS;

type Values = Partial<Record<keyof typeof OPTIONS, string | boolean>>;

function strategyFromFlags(v: Values): Partial<StrategyParams> {
  const s: Partial<StrategyParams> = {};
  const num = (k: keyof typeof OPTIONS): number | undefined => (typeof v[k] === 'string' ? numberFlag(`--${k}`, v[k] as string) : undefined);
  const leverage = num('leverage');
  if (leverage !== undefined && !(leverage >= 1 && leverage <= 10)) throw new UsageError(`--leverage: expected 1..10, got ${leverage}`);
  if (leverage !== undefined) s.leverage = leverage;
  const trigger = num('trigger');
  if (trigger !== undefined && !(trigger > (leverage ?? DEFAULT_STRATEGY.leverage))) throw new UsageError(`--trigger: must exceed the leverage, got ${trigger}`);
  if (trigger !== undefined) s.trigger = trigger;
  const entry = typeof v['entry-apy'] === 'string' ? boundedFlag('--entry-apy', v['entry-apy'], 'netApy') : undefined;
  if (entry !== undefined) s.entryApy = entry;
  const stop = typeof v['stop-apy'] === 'string' ? boundedFlag('--stop-apy', v['stop-apy'], 'netApy') : undefined;
  if (stop !== undefined) s.stopApy = stop;
  const lookback = typeof v['lookback-hours'] === 'string' ? boundedFlag('--lookback-hours', v['lookback-hours'], 'lookbackHours') : undefined;
  if (lookback !== undefined) s.lookbackHours = lookback;
  const exitHealth = num('exit-health');
  if (exitHealth !== undefined && !(exitHealth >= 0 && exitHealth <= 100)) throw new UsageError(`--exit-health: expected 0..100, got ${exitHealth}`);
  if (exitHealth !== undefined) s.exitHealth = exitHealth;
  return s;
}

const iso = (ms: number): string => `${formatUtcMinute(ms).replace(' ', 'T')}Z`;
const usd = (x: bigint): string => money(Number(x) / 1e6);
const bigintsAsNumbers = (_: string, v: unknown): unknown => (typeof v === 'bigint' ? Number(v) : v);

function text(run: PaperRun, input: { file: string; granularity: string; steps: number }, capital: number): string {
  const out: string[] = [`dnh paper: ${input.file} (${input.steps} ${input.granularity} steps), capital ${money(capital)}`, '', 'events:'];
  for (const e of run.events) out.push(`  ${formatUtcMinute(e.time)}  ${e.kind.padEnd(8)} ${e.text}`);
  out.push('', `alerts: ${run.alerts.length === 0 ? 'none' : ''}`);
  for (const a of run.alerts) out.push(`  ${formatUtcMinute(a.time)}  ${a.level.padEnd(8)} ${a.account} health ${a.health} (< ${a.threshold})`);
  const f = run.final;
  out.push(
    '',
    `final state (${formatUtcMinute(f.time)}, SOL ${price(f.price)}, trading ${f.tradingState}):`,
    `  total equity        ${usd(f.totalEquity)} (${signedPercent(Number(f.totalEquity) / 1e6 / capital - 1, 2)})`,
    `  wallet              ${usd(f.wallet)}`,
    `  perp (paper Drift)  short ${fixed(Number(-f.perp.base) / 1e9, 4)} SOL, collateral ${usd(f.perp.collateral)} settled, ${usd(f.perp.unsettledPnl)} unsettled (funding ${usd(f.perp.unsettledFunding)}), equity ${usd(f.perp.equity)}, health ${f.perp.health}, leverage ${fixed(Number(f.perp.leverage) / 1e4, 2)}x`,
    `  long (paper lend)   ${fixed(Number(f.spot.sol) / 1e9, 4)} SOL, debt ${usd(f.spot.debt)}, equity ${usd(f.spot.equity)}, health ${f.spot.health}`,
    `  perp ledger         fees ${usd(f.ledger.fees)}, slippage ${usd(f.ledger.slippage)}, funding realised ${usd(f.ledger.fundingRealised)}, PnL settled ${usd(f.ledger.settledPnl)}`,
    `  counts              ${Object.entries(f.counts).map(([k, v]) => `${k} ${v}`).join(', ')}`,
  );
  return out.join('\n') + '\n';
}

export const paperCommand: Command = async (argv, io) => {
  const { values: given } = parseFlags(() => parseArgs({ args: argv, strict: true, allowPositionals: false, options: OPTIONS }), 'paper');
  if (given.data !== undefined && given.hourly !== undefined) throw new UsageError('--data and --hourly are exclusive (see dnh paper --help)');
  // Precedence: defaults < --config file < flags given (docs/cli.md).
  const values: typeof given = given.config !== undefined ? { ...(await configFlags(given.config, 'paper')), ...given } : given;
  const range = dayRange({ from: given.from, to: given.to });
  const capital = values.capital === undefined ? 10_000 : boundedFlag('--capital', values.capital, 'capital');
  const strategy = strategyFromFlags(values as Values);
  const file = given.hourly ?? given.data ?? repoPath(...EXAMPLE_DATA);
  const equityCsv = given['equity-csv'];
  const eventsCsv = given['events-csv'];
  checkOutputs([equityCsv ? { flag: '--equity-csv', path: equityCsv } : undefined, eventsCsv ? { flag: '--events-csv', path: eventsCsv } : undefined], [file, given.config]);
  const all = given.hourly !== undefined ? loadHourlyCsv(file) : stepsFromDaily(loadCanonicalCsv(file));
  const steps: ReplayStep[] = sliceByDay(all, (s) => formatIsoDay(Math.floor(s.start / DAY_MS)), range, file);
  const granularity = given.hourly !== undefined ? 'hourly' : 'daily';
  const run = await runPaper(steps, { capitalUsd: capital, strategy, ...(equityCsv !== undefined ? { equityCurve: true } : {}) });
  // Rule 1 (harness/verdict/finite.ts): a non-finite figure anywhere in the run makes it invalid.
  const bad = firstNonFinite({ final: run.final, events: run.events, alerts: run.alerts });
  if (bad !== null) throw new DataError({ file }, `invalid run: ${bad.path} is not a finite number (${bad.value}); no result is printed`);
  const files: OutputFile[] = [];
  if (equityCsv) files.push({ path: equityCsv, content: paperEquityCsv(run.equity!, iso) });
  if (eventsCsv) files.push({ path: eventsCsv, content: paperEventsCsv(run.events, iso) });
  writeOutputs(files);
  if (values.json) {
    const params = { capital, strategy: { ...DEFAULT_STRATEGY, ...strategy }, limits: DEFAULT_LIMITS, ...range };
    const json = {
      input: { file: recordedPath(file), granularity, steps: steps.length, from: iso(steps[0]!.start), to: iso(steps.at(-1)!.end) },
      params,
      events: run.events.map((e) => ({ ...e, time: iso(e.time) })),
      alerts: run.alerts.map((a) => ({ ...a, time: iso(a.time) })),
      liquidations: { perp: run.liquidations.perp.map((l) => ({ ...l, time: iso(l.time) })), spot: run.liquidations.spot.map((l) => ({ ...l, time: iso(l.time) })) },
      final: { ...run.final, time: iso(run.final.time) },
      // The paper venue has no MODEL.md section 9 convention: recorded as "paper".
      provenance: provenance([{ role: granularity === 'hourly' ? 'hourly' : 'data', path: file }], params, ['paper']),
    };
    io.out(JSON.stringify(json, bigintsAsNumbers) + '\n');
  } else {
    io.out(text(run, { file, granularity, steps: steps.length }, capital));
  }
  return 0;
};
