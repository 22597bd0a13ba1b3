/** The text report of a suite run: seed first, the distribution table, robust triggers, thresholds, failing scenarios. */
import type { SuiteResult } from './summary.js';
import { triggerText } from './summary.js';
import { INVALID_MARK, percentText } from '../verdict/finite.js';
import { drawdown } from '../../engine/format/number.js';
import { reasonText, thresholdText } from './format.js';

/** Failing scenarios printed in the text report by default (`--max-failures 0`: all); the JSON lists them all. */
export const MAX_TEXT_FAILURES = 100;

/** A fraction as a percentage; a non-finite value is printed as `invalid`, never as a number (harness/verdict/finite.ts). */
const pct = (x: number): string => (Number.isFinite(x) ? `${percentText(x, 1)}%` : INVALID_MARK);
/** A percentile the suite did not ask for is `n/a`. */
const optPct = (x: number | undefined): string => (x === undefined ? 'n/a' : pct(x));
/** A drawdown percentile, printed as the loss it is (docs/number-format.md). */
const optDd = (x: number | undefined): string => (x === undefined ? 'n/a' : drawdown(x, 1));
const num = (x: number, digits?: number): string => (Number.isFinite(x) ? (digits === undefined ? String(x) : x.toFixed(digits)) : INVALID_MARK);
const pad = (s: string, n: number): string => s.padStart(n);

export function suiteText(r: SuiteResult, maxFailures = MAX_TEXT_FAILURES): string {
  const cap = maxFailures > 0 ? maxFailures : Infinity;
  const c = r.content;
  const lines: string[] = [`seed ${c.seed}`];
  lines.push(
    `suite ${c.suite.name}: ${c.scenarios.total} scenarios x ${c.configurations.length} configurations` +
      (c.skipped.length ? ` (${c.skipped.length} invalid combinations skipped)` : '') +
      `, engine ${r.meta.engine}` + (r.meta.workers > 0 ? `, ${r.meta.workers} worker(s)` : ''),
  );
  lines.push(`hash ${r.hash}`, '');
  const ps = Object.keys(c.configurations[0]!.return).filter((k) => k !== 'mean');
  const head = ['configuration'.padEnd(38), ...ps.map((p) => pad(`ret ${p}`, 9)), pad('ret mean', 9), pad('dd p50', 8), pad('dd p95', 8), pad('P(liq)', 7), pad('E[liq]', 7), pad('P(ruin)', 8), pad('VaR95', 7), pad('CVaR95', 7), pad('fail', 5), '  ok'];
  lines.push(head.join(' '));
  for (const k of c.configurations) {
    lines.push(
      [
        k.label.padEnd(38),
        ...ps.map((p) => pad(pct((k.return as unknown as Record<string, number>)[p]!), 9)),
        pad(pct(k.return.mean), 9),
        pad(optDd((k.maxDrawdown as unknown as Record<string, number>).p50), 8),
        pad(optDd((k.maxDrawdown as unknown as Record<string, number>).p95), 8),
        pad(pct(k.probLiquidation), 7),
        pad(num(k.expectedLiquidations, 2), 7),
        pad(pct(k.probRuin), 8),
        pad(pct(k.var95), 7),
        pad(pct(k.cvar95), 7),
        pad(String(k.failingScenarios), 5),
        k.pass ? '  yes' : '  NO',
      ].join(' '),
    );
  }
  if (c.robust.length) {
    lines.push('', `robust trigger per leverage (best ${c.robust[0]!.by.metric}, ${c.robust[0]!.beside.metric} beside):`);
    for (const x of c.robust) {
      lines.push(`  ${x.group.padEnd(33)} trigger ${triggerText(x.trigger).padEnd(5)} ${x.by.metric} ${pct(x.by.value)}, ${x.beside.metric} ${pct(x.beside.value)} (of ${x.candidates})${x.pass ? '' : ', fails its thresholds'}`);
    }
  }
  if (c.choice) {
    const k = c.choice;
    lines.push('', `robust choice (best ${k.by.metric} of the ${k.passing} configuration(s) passing every threshold): ${k.label}, ${k.by.metric} ${pct(k.by.value)}, ${k.beside.metric} ${pct(k.beside.value)}`);
  } else lines.push('', 'robust choice: none (no configuration passes every threshold)');
  const invalid = c.configurations.filter((k) => k.invalidScenarios !== undefined);
  if (invalid.length) {
    lines.push('', `invalid runs (a figure that is not a finite number; each fails its configuration):`);
    for (const k of invalid) lines.push(`  ${k.label}: ${k.invalidScenarios} of ${c.scenarios.total} scenarios invalid`);
  }
  const failedChecks = c.configurations.flatMap((k) =>
    k.thresholds
      .filter((t) => !t.pass)
      .map((t) => `  ${k.label}: ${thresholdText(t)}`),
  );
  if (failedChecks.length) lines.push('', `configuration thresholds failed (${failedChecks.length}):`, ...failedChecks);
  if (c.failingScenarios.length) {
    const shown = Math.min(cap, c.failingScenarios.length);
    lines.push('', `failing scenarios (${shown < c.failingScenarios.length ? `showing ${shown} of ${c.failingScenarios.length}` : c.failingScenarios.length}); each line ends with the command that replays it alone:`);
    for (const f of c.failingScenarios.slice(0, cap)) {
      const first = f.configs[0]!;
      const label = c.configurations[first.config]!.label;
      lines.push(`  ${f.id}: ${f.failedConfigs} of ${c.configurations.length} configurations, e.g. ${label}: ${first.reasons.map(reasonText).join(', ')}  ->  ${f.replay}`);
    }
    if (c.failingScenarios.length > cap) lines.push(`  ... and ${c.failingScenarios.length - cap} more (--max-failures 0 prints all; --json lists all)`);
  }
  if (c.verdict === 'any') lines.push('', c.pass ? `PASS: ${c.choice!.passing} of ${c.configurations.length} configurations pass every threshold (verdict any)` : 'FAIL: no configuration passes every threshold (verdict any)');
  else lines.push('', c.pass ? 'PASS: every threshold holds' : 'FAIL: thresholds failed (see above)');
  return lines.join('\n') + '\n';
}
