/**
 * The stress library: named, deterministic shocks applied to a base path (historical or generated).
 * Each shock returns new rows and changes exactly what its summary says, nothing else; the result
 * stays a valid canonical series (OHLC consistent, prices > 0).
 *
 * `at` is a row index (negative counts from the end) or a `YYYY-MM-DD` date of the path.
 * Example: `applyShock(rows, { name: 'spike', params: { at: '2025-01-18', pct: 0.4 } })`
 */
import { UsageError } from '../../engine/errors.js';
import type { MarketRow } from '../../engine/data/rows.js';

export type At = number | string;

export interface ShockSpec {
  name: ShockName;
  params?: Record<string, number | string>;
}

interface ShockDef {
  summary: string;
  /** Numeric parameters with their defaults and inclusive bounds. */
  params: Record<string, { default: number; min: number; max: number; doc: string }>;
  apply(rows: readonly MarketRow[], at: number, p: Record<string, number>): MarketRow[];
}

const AT_DOC = 'the shocked day: row index (negative from the end) or YYYY-MM-DD; in a suite also "random" (a day drawn per scenario)';

/** In suite files, `"at": "random"` places the shock on a day drawn per scenario (see harness/suite/scenarios.ts). */
export const RANDOM_AT = 'random';

function copy(rows: readonly MarketRow[]): MarketRow[] {
  return rows.map((r) => ({ ...r }));
}

function scalePrices(r: MarketRow, f: number): void {
  r.open *= f;
  r.high *= f;
  r.low *= f;
  r.close *= f;
}

/** Last index (exclusive) of a window of `days` days from `at`, cut at the end of the path. */
function windowEnd(rows: readonly MarketRow[], at: number, days: number): number {
  return Math.min(rows.length, at + days);
}

export const SHOCKS = {
  spike: {
    summary: "single-day spike: the day's high becomes max(high, open*(1+pct)) (2025-01-18 was about +40% intraday); nothing else changes",
    params: { pct: { default: 0.4, min: 0, max: 10, doc: 'intraday rise above the open' } },
    apply(rows, at, p) {
      const out = copy(rows);
      const r = out[at]!;
      r.high = Math.max(r.high, r.open * (1 + p.pct!));
      return out;
    },
  },
  crash: {
    summary: 'crash day: the close falls by pct (low follows if needed) and every later price keeps the lower level; open and high of the day unchanged',
    params: { pct: { default: 0.3, min: 0, max: 0.99, doc: 'fall of the close' } },
    apply(rows, at, p) {
      const out = copy(rows);
      const f = 1 - p.pct!;
      const r = out[at]!;
      r.close *= f;
      r.low = Math.min(r.low, r.close);
      for (let t = at + 1; t < out.length; t++) scalePrices(out[t]!, f);
      return out;
    },
  },
  gap: {
    summary: 'gap at the open: every price from the shocked day on (open included) is scaled by 1+pct against the previous close',
    params: { pct: { default: -0.2, min: -0.99, max: 10, doc: 'gap from the previous close' } },
    apply(rows, at, p) {
      const out = copy(rows);
      for (let t = at; t < out.length; t++) scalePrices(out[t]!, 1 + p.pct!);
      return out;
    },
  },
  negativeFunding: {
    summary: 'negative funding: funding is set to rate (per day, fraction of notional) for `days` days; prices and rates unchanged',
    params: {
      days: { default: 30, min: 1, max: 100_000, doc: 'length of the window' },
      rate: { default: -0.0005, min: -1, max: 1, doc: 'daily funding in the window (negative: shorts pay)' },
    },
    apply(rows, at, p) {
      const out = copy(rows);
      for (let t = at; t < windowEnd(out, at, p.days!); t++) out[t]!.funding = p.rate!;
      return out;
    },
  },
  borrowSpike: {
    summary: 'borrow-rate spike: the USDC borrow APY is set to apy for `days` days; nothing else changes',
    params: {
      days: { default: 7, min: 1, max: 100_000, doc: 'length of the window' },
      apy: { default: 0.5, min: -0.99, max: 100, doc: 'borrow APY in the window (0.5 = 50%)' },
    },
    apply(rows, at, p) {
      const out = copy(rows);
      for (let t = at; t < windowEnd(out, at, p.days!); t++) out[t]!.borrowApy = p.apy!;
      return out;
    },
  },
  fundingFlipVolSpike: {
    summary:
      'funding flip with a volatility spike: for `days` days funding becomes -|funding| (shorts pay) and every log move ' +
      '(open, close, wicks, against the previous close) is multiplied by volMultiplier; later prices keep the level reached',
    params: {
      days: { default: 14, min: 1, max: 100_000, doc: 'length of the window' },
      volMultiplier: { default: 3, min: 0, max: 20, doc: 'factor on log moves in the window' },
    },
    apply(rows, at, p) {
      const out = copy(rows);
      const k = p.volMultiplier!;
      const end = windowEnd(out, at, p.days!);
      let prevOld = at > 0 ? rows[at - 1]!.close : rows[at]!.open;
      let prevNew = prevOld;
      for (let t = at; t < end; t++) {
        const o = rows[t]!;
        const r = out[t]!;
        r.funding = -Math.abs(o.funding);
        r.open = prevNew * Math.pow(o.open / prevOld, k);
        r.close = prevNew * Math.pow(o.close / prevOld, k);
        r.high = Math.max(r.open, r.close) * Math.pow(o.high / Math.max(o.open, o.close), k);
        r.low = Math.min(r.open, r.close) * Math.pow(o.low / Math.min(o.open, o.close), k);
        prevOld = o.close;
        prevNew = r.close;
      }
      for (let t = end; t < out.length; t++) scalePrices(out[t]!, prevNew / prevOld);
      return out;
    },
  },
  slowBleed: {
    summary: 'slow bleed: prices drift down geometrically by pct over `days` days (day i of the window scaled by (1+pct)^((i+1)/days)); later prices keep the level',
    params: {
      days: { default: 60, min: 1, max: 100_000, doc: 'length of the bleed' },
      pct: { default: -0.4, min: -0.99, max: 10, doc: 'total change over the window' },
    },
    apply(rows, at, p) {
      const out = copy(rows);
      const n = p.days!;
      const end = windowEnd(out, at, n);
      for (let t = at; t < out.length; t++) {
        const i = t - at;
        scalePrices(out[t]!, t < end ? Math.pow(1 + p.pct!, (i + 1) / n) : 1 + p.pct!);
      }
      return out;
    },
  },
} satisfies Record<string, ShockDef>;

export type ShockName = keyof typeof SHOCKS;
export const SHOCK_NAMES = Object.keys(SHOCKS) as ShockName[];

/** Row index of `at` in `rows`; `field` names it in errors. */
export function resolveAt(rows: readonly MarketRow[], at: At, field = 'at'): number {
  if (typeof at === 'string') {
    const i = rows.findIndex((r) => r.date === at);
    if (i < 0) throw new UsageError(`${field}: date ${at} is not in the path (${rows[0]?.date} .. ${rows[rows.length - 1]?.date})`);
    return i;
  }
  if (!Number.isInteger(at)) throw new UsageError(`${field}: expected an integer row index or a YYYY-MM-DD date, got ${String(at)}`);
  const i = at < 0 ? rows.length + at : at;
  if (i < 0 || i >= rows.length) throw new UsageError(`${field}: row index ${at} is outside the path (${rows.length} rows)`);
  return i;
}

/** Full numeric parameters of a shock (defaults filled), rejecting unknown or out-of-range ones. */
export function resolveShockParams(name: string, given: Record<string, unknown> = {}, field = 'params'): Record<string, number> {
  const def = (SHOCKS as Record<string, ShockDef>)[name];
  if (!def) throw new UsageError(`${field}: unknown shock "${name}" (known: ${SHOCK_NAMES.join(', ')})`);
  const out: Record<string, number> = {};
  for (const k of Object.keys(given)) {
    if (k !== 'at' && !(k in def.params)) throw new UsageError(`${field}.${k}: unknown parameter of ${name} (known: at, ${Object.keys(def.params).join(', ')})`);
  }
  for (const [k, spec] of Object.entries(def.params)) {
    const v = given[k] ?? spec.default;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < spec.min || v > spec.max) {
      throw new UsageError(`${field}.${k}: expected a number in [${spec.min}, ${spec.max}], got ${String(v)}`);
    }
    if (k === 'days' && !Number.isInteger(v)) throw new UsageError(`${field}.${k}: expected an integer, got ${v}`);
    out[k] = v;
  }
  return out;
}

/** Apply one shock; `at` defaults to the middle of the path. */
export function applyShock(rows: readonly MarketRow[], spec: ShockSpec, field = 'shock'): MarketRow[] {
  const def = (SHOCKS as Record<string, ShockDef>)[spec.name];
  if (!def) throw new UsageError(`${field}.name: unknown shock "${String(spec.name)}" (known: ${SHOCK_NAMES.join(', ')})`);
  const given = spec.params ?? {};
  const at = resolveAt(rows, (given.at as At | undefined) ?? Math.floor(rows.length / 2), `${field}.params.at`);
  return def.apply(rows, at, resolveShockParams(spec.name, given, `${field}.params`));
}

/** Apply shocks in order. */
export function applyShocks(rows: readonly MarketRow[], specs: readonly ShockSpec[], field = 'shocks'): MarketRow[] {
  return specs.reduce<MarketRow[]>((acc, s, i) => applyShock(acc, s, `${field}[${i}]`), [...rows]);
}

/** One line per shock with its parameters, for `--help` and the docs. */
export function describeShocks(): string {
  return SHOCK_NAMES.map((n) => {
    const d = SHOCKS[n] as ShockDef;
    const ps = [`at (${AT_DOC})`, ...Object.entries(d.params).map(([k, s]) => `${k}=${s.default} (${s.doc})`)];
    return `${n}: ${d.summary}\n    params: ${ps.join('; ')}`;
  }).join('\n');
}
