/**
 * The feasibility study's printed report (its `backtest_rebalance.py` layout, sections 1 to 7),
 * line for line, from the harness's runs. Under the study convention the figures are the study's;
 * under the exact convention the same tables show the corrected accounting.
 * Fees = fees + transfer costs (the study books bridge costs as fees); gross = carry + funding;
 * MTM drag = pricePnl + badDebt (MODEL.md section 9).
 */
import { NEVER_TRIGGER } from '../../engine/model/params.js';
import type { BacktestEvent, BacktestResult } from '../../engine/model/types.js';
import { pyFixed as f, pyRight as r } from './pyfmt.js';
import { STUDY_CAPITALS, STUDY_FEES_BPS, STUDY_LEVERAGES, type StudyRuns } from './study-runs.js';

const RULE = '='.repeat(90);

export function studyFigures(x: BacktestResult) {
  const w = x.waterfall;
  const carry = w.lendIncome - w.borrowInterest;
  const gross = carry + w.funding;
  const fees = w.fees + w.transferCosts;
  return {
    ann: x.annualized * 100,
    carry,
    gross,
    fees,
    // The study divides by max(gross, 0.01), which prints 34,989,481% when gross is negative: fees as a
    // share of a loss mean nothing, so Fee% is null (printed n/a) when gross is not positive. The study's
    // own printout (Hyperliquid, study convention) has gross > 0 on every line, so its bytes are unchanged.
    feePct: gross > 0 ? (fees / Math.max(gross, 0.01)) * 100 : null,
    penalty: w.penalties,
    mtm: w.pricePnl + w.badDebt,
    dd: x.maxDrawdown * 100,
    pnl: x.finalEquity - x.params.capital,
  };
}

const triggerLabel = (t: number) => (t < 100 ? `${f(t, 0, 0)}x` : 'never');

function summary(s: StudyRuns, out: string[]): void {
  out.push('', '### 1. Performance Summary', '');
  out.push(`${r('Cap', 10)} ${r('Lev', 4)} ${r('Ann Ret', 10)} ${r('Gross', 10)} ${r('Fees', 10)} ${r('Fee%', 8)} ${r('Cap Rebals', 12)} ${r('Full Rots', 10)} ${r('Liqs', 6)} ${r('Max DD', 8)}`);
  out.push('-'.repeat(100));
  STUDY_CAPITALS.forEach((cap, ci) =>
    STUDY_LEVERAGES.forEach((lev, li) => {
      const x = s.summary[ci]![li]!;
      const g = studyFigures(x);
      out.push(`$${f(cap, 8, 0, { comma: true })} ${f(lev, 3, 0)}x ${f(g.ann, 8, 1, { sign: true })}% $${f(g.gross, 8, 0, { comma: true })} ` +
        `$${f(g.fees, 8, 0, { comma: true })} ${g.feePct === null ? r('n/a', 7) : `${f(g.feePct, 6, 1)}%`} ${r(x.rebalances, 10)} ${r(x.rotations, 8)} ${r(x.liquidations, 5)} ${f(g.dd, 6, 1)}%`);
    }),
  );
}

function triggers(s: StudyRuns, out: string[]): void {
  out.push('', '### 2. Optimal Rebalance Trigger — $10k', '(Trigger = rebalance when effective leverage on either leg exceeds this)');
  STUDY_LEVERAGES.forEach((lev, li) => {
    out.push('', `  ${f(lev, 0, 0)}x leverage:`);
    out.push(`  ${r('Trigger', 10)} ${r('Ann Ret', 10)} ${r('Rebals', 8)} ${r('Rots', 6)} ${r('Liqs', 6)} ${r('Fees', 8)} ${r('Liq Pen', 9)} ${r('Final', 11)}`);
    out.push(`  ${'-'.repeat(63)}`);
    let best: BacktestResult | undefined;
    for (const x of s.triggers[li]!) {
      const g = studyFigures(x);
      if (!best || g.ann > studyFigures(best).ann) best = x;
      out.push(`    ${r(triggerLabel(x.params.trigger), 8)} ${f(g.ann, 8, 1, { sign: true })}% ${r(x.rebalances, 6)} ${r(x.rotations, 5)} ${r(x.liquidations, 5)} ` +
        `$${f(g.fees, 6, 0, { comma: true })} $${f(g.penalty, 7, 0, { comma: true })} ${f(x.finalEquity, 11, 2, { comma: true })}`);
    }
    out.push(`  → Best: ${triggerLabel(best!.params.trigger)} trigger (${f(studyFigures(best!).ann, 0, 1, { sign: true })}%)`);
  });
}

function feeBreakdown(s: StudyRuns, out: string[]): void {
  out.push('', '### 3. Rebalance Model — Fee Breakdown', '');
  out.push(`${r('Cap', 10)} ${r('Lev', 4)} │ ${r('Ann Ret', 10)} ${r('Fees', 10)} ${r('Rebals', 8)} │ Note`);
  out.push('-'.repeat(75));
  [0, 1].forEach((ci) =>
    STUDY_LEVERAGES.forEach((lev, li) => {
      const x = s.summary[ci]![li]!;
      const g = studyFigures(x);
      out.push(`$${f(STUDY_CAPITALS[ci]!, 8, 0, { comma: true })} ${f(lev, 3, 0)}x │ ${f(g.ann, 8, 1, { sign: true })}% $${f(g.fees, 8, 0)} ${r(x.rebalances, 6)} cap │ ` +
        `${x.rotations} full rotations, ${x.liquidations} liquidations`);
    }),
  );
}

function eventLine(e: BacktestEvent): string {
  const kind = { open: 'OPEN  ', rebalance: 'REBAL ', liquidation: '**LIQ**', rotation: 'REOPEN', close: 'CLOSE ', ruin: 'RUIN  ', partial: 'PARTL ', rehedge: 'HEDGE ' }[e.kind];
  return `  ${e.date}  ${kind} @ $${f(e.price, 0, 2)}  leg=${e.leg.toUpperCase()}  equity $${f(e.equityBefore, 0, 0)} → $${f(e.equityAfter, 0, 0)}  cost=$${f(e.cost, 0, 0)}`;
}

function eventLogs(s: StudyRuns, out: string[]): void {
  s.detail.forEach((x, i) => {
    out.push('', `### 4${i === 0 ? 'a' : 'b'}. Event Log — $10k, ${f(x.params.leverage, 0, 0)}x`);
    for (const e of x.events ?? []) out.push(eventLine(e));
  });
}

function feeSensitivity(s: StudyRuns, out: string[]): void {
  out.push('', '### 5. Asgard Fee Sensitivity — $10k, 3x (rebalance model)', '');
  out.push(`${r('Fee', 8)} ${r('Ann Ret', 10)} ${r('Total Fees', 12)}`);
  out.push('-'.repeat(32));
  s.fees.forEach((x, i) => {
    const g = studyFigures(x);
    out.push(`  ${f(STUDY_FEES_BPS[i]! / 100, 0, 2)}% ${f(g.ann, 8, 1, { sign: true })}% $${f(g.fees, 10, 0, { comma: true })}`);
  });
}

function waterfall(s: StudyRuns, out: string[]): void {
  out.push('', '### 6. P&L Waterfall — $10k');
  out.push('  (Carry is SOL-denominated yield valued at daily price; MTM drag = revaluation', '   of accumulated SOL when SOL price falls. Funding settles in USD, no drag.)', '');
  out.push(`${r('Lev', 4)} ${r('Carry', 10)} ${r('Funding', 10)} ${r('Gross', 10)} ${r('Fees', 8)} ${r('Liq Pen', 9)} ${r('MTM Drag', 10)} ${r('Return', 10)}`);
  out.push('-'.repeat(77));
  STUDY_LEVERAGES.forEach((lev, li) => {
    const x = s.summary[1]![li]!;
    const g = studyFigures(x);
    const c = { comma: true };
    out.push(` ${f(lev, 0, 0)}x  $${f(g.carry, 8, 0, c)} $${f(x.waterfall.funding, 8, 0, c)} $${f(g.gross, 8, 0, c)} $${f(g.fees, 6, 0, c)} ` +
      `$${f(g.penalty, 7, 0, c)} $${f(g.mtm, 8, 0, c)}  $${f(g.pnl, 8, 0, { sign: true, comma: true })} (${f(g.ann, 0, 1, { sign: true })}%)`);
  });
}

function deltaCheck(s: StudyRuns, out: string[]): void {
  const x = s.detail[1]!;
  const eq = x.equity ?? [];
  const dates = s.rows.map((row) => row.date);
  const mean = eq.reduce((a, b) => a + b, 0) / eq.length;
  const std = Math.sqrt(eq.reduce((a, b) => a + (b - mean) ** 2, 0) / eq.length);
  const lo = eq.indexOf(Math.min(...eq));
  const hi = eq.indexOf(Math.max(...eq));
  const sol = (s.rows[s.rows.length - 1]!.close / s.rows[0]!.close - 1) * 100;
  const moved = (eq[eq.length - 1]! / eq[0]! - 1) * 100;
  const c = { comma: true };
  out.push('', '### 7. Delta-Neutral Sanity Check — $10k, 3x');
  out.push(`  Start equity:  $${f(eq[0]!, 0, 0, c)}`, `  End equity:    $${f(eq[eq.length - 1]!, 0, 0, c)}`);
  out.push(`  Min equity:    $${f(eq[lo]!, 0, 0, c)}  (on ${dates[lo]})`, `  Max equity:    $${f(eq[hi]!, 0, 0, c)}  (on ${dates[hi]})`);
  out.push(`  Std dev:       $${f(std, 0, 0, c)}`, `  SOL moved:     ${f(sol, 0, 1, { sign: true })}%`, `  Equity moved:  ${f(moved, 0, 1, { sign: true })}%`);
  out.push(`  → Strategy is ${Math.abs(moved / 100) < 0.15 ? 'delta-neutral ✓' : 'NOT delta-neutral ✗'}`);
}

/** The whole printed report of one venue under one convention. */
export function studyReportText(s: StudyRuns): string {
  const first = s.rows[0]!;
  const last = s.rows[s.rows.length - 1]!;
  const venue = s.venue === 'hl' ? 'Hyperliquid' : 'Drift';
  const p = s.summary[1]![0]!.params;
  const out = [
    RULE,
    `DELTA-NEUTRAL BACKTEST WITH CROSS-LEG CAPITAL REBALANCING — ${venue} short, ${s.convention} convention`,
    `Period: ${first.date} to ${last.date} (${s.days} days)`,
    `SOL: $${f(first.close, 0, 2)} → $${f(last.close, 0, 2)}`,
    `Parameters: long open ${p.long.openFeeBps} bps, perp fee ${p.perp.feeBps} bps, maintenance long ${p.long.maintenance} / short ${p.perp.maintenance}, ` +
      `penalty long ${p.long.penalty.kind} ${p.long.penalty.rate} / short ${p.perp.penalty.kind} ${p.perp.penalty.rate}, transfer $${p.transferCost}, gas $${p.gas}` +
      (s.convention === 'exact' ? `; trigger never (${NEVER_TRIGGER}) = 0.8/m per leg` : ''),
    RULE,
  ];
  summary(s, out);
  triggers(s, out);
  feeBreakdown(s, out);
  eventLogs(s, out);
  feeSensitivity(s, out);
  waterfall(s, out);
  deltaCheck(s, out);
  return out.join('\n') + '\n';
}
