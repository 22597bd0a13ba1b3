/**
 * The detail `dnh suite replay` prints for a failing configuration (or the one `--config` names): why
 * it fails the suite's scenario thresholds (formatted), its event log and its P&L waterfall as text.
 */
import type { BacktestResult } from '../../engine/model/types.js';
import { num, textTable, usd } from '../report/table.js';
import { waterfallText } from '../report/waterfall-terms.js';
import { laneLabel } from '../sweep/grid.js';
import { scenarioReasons } from './aggregate.js';
import { reasonText } from './format.js';
import type { ResolvedSuite } from './types.js';

/** Events printed per configuration (the first ones; the rest are counted). */
export const REPLAY_EVENTS_MAX = 200;

export function replayDetailText(config: number, r: BacktestResult, reasons: readonly string[]): string {
  const ev = r.events ?? [];
  const shown = ev.slice(0, REPLAY_EVENTS_MAX);
  const out = [
    `configuration [${config}] ${laneLabel(r.params)}: ${reasons.length ? `fails: ${reasons.map(reasonText).join(', ')}` : 'passes the scenario thresholds'}`,
    '',
    `event log (${ev.length} event(s)${ev.length > shown.length ? `, first ${shown.length} shown` : ''}):`,
    ev.length
      ? textTable({
          columns: ['date', 'event', 'leg', 'price', 'equity before', 'equity after', 'cost'],
          textColumns: 3,
          rows: shown.map((e) => [e.date, e.kind, e.leg, num(e.price, 2), usd(e.equityBefore), usd(e.equityAfter), usd(e.cost)]),
        })
      : '(none)\n',
    'P&L waterfall:',
    waterfallText(r.params.capital, r.waterfall, r.finalEquity),
  ];
  return out.map((l) => l.replace(/\n$/, '')).join('\n').split('\n').map((l) => (l ? `  ${l}` : l)).join('\n') + '\n';
}

/** Configurations detailed when none is named: the first failing ones (the rest are counted). */
export const REPLAY_DETAIL_MAX = 5;

/**
 * The detail block of a replay: the named configuration (`named`), else every configuration failing
 * the suite's scenario thresholds (at most `REPLAY_DETAIL_MAX`), else a line saying none fails.
 */
export function replayDetails(suite: ResolvedSuite, configs: readonly number[], results: readonly BacktestResult[], named: boolean): string {
  const reasons = results.map((r) => scenarioReasons(suite.thresholds.scenario, r.totalReturn, r.maxDrawdown, r.liquidations, r.ruined));
  const idx = results.map((_, i) => i).filter((i) => named || reasons[i]!.length > 0);
  if (!idx.length) return `\nno configuration fails this scenario's thresholds; --config K prints one's event log and waterfall\n`;
  const shown = idx.slice(0, REPLAY_DETAIL_MAX);
  const head = named ? '' : `\n${idx.length} configuration(s) fail this scenario${idx.length > shown.length ? `; the first ${shown.length} in detail (--config K for another)` : ''}:\n`;
  return head + shown.map((i) => '\n' + replayDetailText(configs[i]!, results[i]!, reasons[i]!)).join('');
}
