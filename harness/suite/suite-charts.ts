/**
 * Chart data of the suite page from what a suite result carries: per configuration, the return at
 * percentiles 0, 5, ..., 100 (`returnCurve`), not the paths. So the histogram is drawn from those
 * quantiles (twenty bins of 5% of the scenarios each, height = share per percentage point), and the
 * "fan" runs over the configurations (p5, p25, p50, p75, p95 of each) rather than over time.
 */
import { isFiniteNumber } from '../verdict/finite.js';
import type { ConfigSummary, SuiteContent } from './summary.js';
import { CURVE_STEP, triggerText } from './summary.js';

/** The configuration whose histogram is drawn: the robust choice, else the best valid median return (null: none valid). */
export function histogramConfig(c: SuiteContent): number | null {
  if (c.choice) return c.choice.config;
  const valid = c.configurations.filter((k) => k.invalidScenarios === undefined && k.returnCurve.every(isFiniteNumber));
  if (!valid.length) return null;
  return valid.reduce((a, b) => (b.returnCurve[50 / CURVE_STEP]! > a.returnCurve[50 / CURVE_STEP]! ? b : a)).config;
}

/** Equal-mass bins between consecutive return percentiles; zero-width bins merge into the next one. */
export function returnHistogram(k: ConfigSummary): { edges: number[]; values: number[]; mass: number[]; format: 'pct'; xLabel: string } {
  const q = k.returnCurve;
  const share = CURVE_STEP / 100;
  const edges = [q[0]!];
  const mass: number[] = [];
  let acc = 0;
  for (let i = 1; i < q.length; i++) {
    acc += share;
    if (q[i]! > edges[edges.length - 1]!) {
      edges.push(q[i]!);
      mass.push(acc);
      acc = 0;
    }
  }
  if (acc > 0 && mass.length) mass[mass.length - 1]! += acc;
  if (!mass.length) return { edges: [q[0]! - 0.005, q[0]! + 0.005], values: [100], mass: [1], format: 'pct', xLabel: 'total return (every scenario at one value)' };
  // share of scenarios per percentage point of return
  const values = mass.map((m, i) => m / ((edges[i + 1]! - edges[i]!) * 100));
  return { edges, values, mass, format: 'pct', xLabel: 'total return over the scenario' };
}

const FAN = [5, 25, 50, 75, 95] as const;

/** p5 ... p95 of each configuration's return, as a line chart with two bands (p5-p95, p25-p75). */
export function fanChart(c: SuiteContent): unknown {
  const at = (k: ConfigSummary, p: number): number | null => {
    const v = k.returnCurve[p / CURVE_STEP];
    return isFiniteNumber(v) && k.invalidScenarios === undefined ? v : null;
  };
  const colour = '#3a6fd8';
  return {
    x: c.configurations.map((_, i) => i),
    xLabels: c.configurations.map((k) => `${k.params.venue} ${k.params.leverage}x/${triggerText(k.params.trigger)}`),
    xLabel: 'configuration (in grid order)',
    yLabel: 'total return',
    format: 'pct',
    series: FAN.map((p) => ({ label: p === 50 ? 'median (p50)' : `p${p}`, values: c.configurations.map((k) => at(k, p)), colour: p === 50 ? '#1d2433' : colour, hideLegend: p !== 50 })),
    bands: [
      [4, 0, 'rgba(58,111,216,0.15)', 'p5 \u2026 p95'],
      [3, 1, 'rgba(58,111,216,0.35)', 'p25 \u2026 p75'],
    ],
  };
}
