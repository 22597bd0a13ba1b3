/**
 * The study's $10k trigger grid (MODEL.md section 9 grid, exact convention) under the execution
 * options of MODEL.md section 10, beside the plain exact convention: one `backtestGrid` call per
 * venue, Markdown tables of final equity (liquidations), the best trigger per leverage under each
 * variant, and the findings that change. `dnh study --execution` prints it (docs/execution-options.md).
 */
import { money, signedPercent } from '../../engine/format/number.js';
import { backtestGrid, type EngineKind } from '../../engine/backtest.js';
import type { MarketRow } from '../../engine/data/rows.js';
import { NEVER_TRIGGER, resolveParams } from '../../engine/model/params.js';
import type { BacktestResult, ParamOverrides, Venue } from '../../engine/model/types.js';
import { STUDY_CAPITAL, STUDY_LEVERAGES, studyTriggers } from './study-runs.js';

export interface ExecutionVariant {
  name: string;
  overrides: ParamOverrides;
}

export const EXECUTION_VARIANTS: readonly ExecutionVariant[] = [
  { name: 'exact', overrides: {} },
  { name: 'survivor=liquidation', overrides: { survivor: 'liquidation' } },
  { name: 'split (Binance spot)', overrides: { legPrices: 'split' } },
  { name: 'partial:0.2:0.05', overrides: { long: { liquidation: { kind: 'partial', closeFactor: 0.2, bonus: 0.05 } } } },
  { name: 'all three', overrides: { survivor: 'liquidation', legPrices: 'split', long: { liquidation: { kind: 'partial', closeFactor: 0.2, bonus: 0.05 } } } },
];

export interface ExecutionCompare {
  venue: Venue;
  /** [variant][leverage][trigger] */
  runs: BacktestResult[][][];
}

export function runExecutionCompare(rows: readonly MarketRow[], venue: Venue, engine?: EngineKind): ExecutionCompare {
  const grid = EXECUTION_VARIANTS.flatMap((v) =>
    STUDY_LEVERAGES.flatMap((l) => studyTriggers(l).map((t) => resolveParams({ ...v.overrides, venue, convention: 'exact', model: 'rebalance', capital: STUDY_CAPITAL, leverage: l, trigger: t }))),
  );
  const res = backtestGrid(rows, grid, { engine });
  let i = 0;
  const runs = EXECUTION_VARIANTS.map(() => STUDY_LEVERAGES.map((l) => studyTriggers(l).map(() => res[i++]!)));
  return { venue, runs };
}

const dollars = (x: number): string => money(x, 0);
const tLabel = (t: number): string => (t >= NEVER_TRIGGER ? 'never' : String(t));
const pct = (x: number): string => signedPercent(x, 1);

/** First strict maximum of the annualised return in ascending trigger (the study's rule). */
function best(runs: readonly BacktestResult[]): BacktestResult {
  let b = runs[0]!;
  for (const r of runs) if (r.annualized > b.annualized) b = r;
  return b;
}

export function executionCompareMarkdown(c: ExecutionCompare, file: string): string {
  const out: string[] = [];
  const venueName = c.venue === 'hl' ? 'Hyperliquid' : 'Drift';
  out.push(`### ${venueName} short, $10k, exact convention (${file})`, '');
  out.push(`| L / T | ${EXECUTION_VARIANTS.map((v) => v.name).join(' | ')} |`);
  out.push(`| --- | ${EXECUTION_VARIANTS.map(() => '---:').join(' | ')} |`);
  STUDY_LEVERAGES.forEach((l, li) => {
    c.runs[0]![li]!.forEach((_, ti) => {
      const cells = c.runs.map((v) => {
        const r = v[li]![ti]!;
        return `${dollars(r.finalEquity)} (${r.liquidations})`;
      });
      out.push(`| ${l}x / ${tLabel(c.runs[0]![li]![ti]!.params.trigger)} | ${cells.join(' | ')} |`);
    });
  });
  out.push('', 'Final equity (liquidations). Best trigger per leverage (annualised, first strict maximum in ascending T):', '');
  out.push(`| L | ${EXECUTION_VARIANTS.map((v) => v.name).join(' | ')} |`);
  out.push(`| --- | ${EXECUTION_VARIANTS.map(() => '---').join(' | ')} |`);
  STUDY_LEVERAGES.forEach((l, li) => {
    out.push(`| ${l}x | ${c.runs.map((v) => { const b = best(v[li]!); return `T=${tLabel(b.params.trigger)} ${pct(b.annualized)}`; }).join(' | ')} |`);
  });
  out.push('', ...findings(c).map((f) => `- ${f}`));
  return out.join('\n') + '\n';
}

/** What changes against plain exact: best triggers, the sign of returns, liquidation counts. */
export function findings(c: ExecutionCompare): string[] {
  const out: string[] = [];
  const base = c.runs[0]!;
  EXECUTION_VARIANTS.forEach((v, vi) => {
    if (vi === 0) return;
    const runs = c.runs[vi]!;
    const bestMoves = STUDY_LEVERAGES.flatMap((l, li) => {
      const a = best(base[li]!).params.trigger;
      const b = best(runs[li]!).params.trigger;
      return a === b ? [] : [`${l}x T=${tLabel(a)} -> T=${tLabel(b)}`];
    });
    const all = runs.flat();
    const flat = base.flat();
    const signFlips = all.filter((r, i) => r.finalEquity >= r.params.capital !== flat[i]!.finalEquity >= r.params.capital);
    const liqBase = flat.reduce((s, r) => s + r.liquidations, 0);
    const liqV = all.reduce((s, r) => s + r.liquidations, 0);
    const gain = all.map((r, i) => r.finalEquity - flat[i]!.finalEquity);
    const up = gain.filter((g) => g > 0.005).length;
    const down = gain.filter((g) => g < -0.005).length;
    out.push(
      `${v.name}: ${up} of ${all.length} runs end higher, ${down} lower than plain exact; ` +
        `liquidations ${liqBase} -> ${liqV}; ` +
        (signFlips.length ? `profit/loss sign changes on ${signFlips.map((r) => `${r.params.leverage}x/${tLabel(r.params.trigger)}`).join(', ')}; ` : 'no run changes from loss to profit or back; ') +
        (bestMoves.length ? `best trigger moves: ${bestMoves.join(', ')}.` : 'the best trigger per leverage is unchanged.'),
    );
  });
  return out;
}
