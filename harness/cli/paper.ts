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

const OPTIONS = {
  data: { type: 'string' },
  hourly: { type: 'string' },
  capital: { type: 'string' },
  leverage: { type: 'string' },
  trigger: { type: 'string' },
  'entry-apy': { type: 'string' },
  'stop-apy': { type: 'string' },
  'lookback-hours': { type: 'string' },
  'exit-health': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const HELP = `usage: dnh paper [options]
  --data F.csv            canonical daily CSV (default: the bundled example ${EXAMPLE_DATA.join('/')})
  --hourly F.csv          hourly CSV instead: time,price,funding,lend_apy,borrow_apy (time YYYY-MM-DDTHH:00:00Z),
                          or time,price,high,low,funding,lend_apy,borrow_apy with each hour's extremes
  --capital 10000         starting USD, all in the wallet
  --leverage 2            per-leg leverage at open
  --trigger 4             leg leverage that triggers a rebalance (999 = 0.8/m)
  --entry-apy 0.10        open when net APY after fees over the lookback is at least this
  --stop-apy 0            exit when it falls below this (funding stop)
  --lookback-hours 168    funding lookback
  --exit-health 25        exit both legs when either leg's health falls below this
  --json                  print exactly one JSON object
Perp leg: the paper Drift venue (SOL-PERP, maintenance 5%, initial 10%, 10x cap, 3.5 bps, 0.10-0.30%
slippage, hourly funding; liquidated in steps as Drift's liquidate_perp does, 1% liquidator and up to 1%
insurance fund fee, 2% buffer). Long leg: a paper lending leg (maintenance 0.15, 15 bps open fee;
liquidated by MODEL.md 10.3's partial rule, close factor 0.2, bonus 5%). Each daily row walks open ->
adverse extreme -> other extreme -> close; venues liquidate where the path crosses their liquidation
price, alerts fire where health crosses 50 and 20, and the strategy reacts at once.
See also: dnh crosscheck (the same configuration through the kernel and this engine).
Exit status: 0 ok, 1 bad data, 2 bad flag or value.
`;

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
  const { values } = parseFlags(() => parseArgs({ args: argv, strict: true, allowPositionals: false, options: OPTIONS }), 'paper');
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (values.data !== undefined && values.hourly !== undefined) throw new UsageError('--data and --hourly are exclusive (see dnh paper --help)');
  const capital = values.capital === undefined ? 10_000 : boundedFlag('--capital', values.capital, 'capital');
  const strategy = strategyFromFlags(values as Values);
  let steps: ReplayStep[];
  let file: string;
  if (values.hourly !== undefined) {
    file = values.hourly;
    steps = loadHourlyCsv(file);
  } else {
    file = values.data ?? repoPath(...EXAMPLE_DATA);
    steps = stepsFromDaily(loadCanonicalCsv(file));
  }
  const granularity = values.hourly !== undefined ? 'hourly' : 'daily';
  const run = await runPaper(steps, { capitalUsd: capital, strategy });
  // Rule 1 (harness/verdict/finite.ts): a non-finite figure anywhere in the run makes it invalid.
  const bad = firstNonFinite({ final: run.final, events: run.events, alerts: run.alerts });
  if (bad !== null) throw new DataError({ file }, `invalid run: ${bad.path} is not a finite number (${bad.value}); no result is printed`);
  if (values.json) {
    const params = { capital, strategy: { ...DEFAULT_STRATEGY, ...strategy }, limits: DEFAULT_LIMITS };
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
