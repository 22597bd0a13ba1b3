/**
 * fast-check generators for the kernel parity tests: valid market paths with big intraday
 * ranges, gaps at the open, funding and rate spikes; valid parameters over every model, venue
 * and override; and targeted shapes that force rare events.
 */
import fc from 'fast-check';
import { formatIsoDay, parseIsoDay } from '../../../engine/data/dates.js';
import type { MarketRow } from '../../../engine/data/rows.js';
import { resolveParams, venuePreset } from '../../../engine/model/params.js';
import type { BacktestParams, Convention, ModelKind, ParamOverrides, PenaltyKind, Venue } from '../../../engine/model/types.js';

export interface DayDraw {
  ret: number;
  gap: number;
  up: number;
  down: number;
  funding: number;
  lend: number;
  borrow: number;
}

const SCALE = 2 ** 30;
/** Uniform in [min, max] (fast-check's own doubles cluster at 0 and the bounds, too calm for paths). */
const d = (min: number, max: number) => fc.noBias(fc.integer({ min: 0, max: SCALE })).map((i) => min + (max - min) * (i / SCALE));
const spiky = (calm: fc.Arbitrary<number>, spike: fc.Arbitrary<number>) =>
  fc.oneof({ weight: 8, arbitrary: calm }, { weight: 1, arbitrary: spike });

export const dayArb: fc.Arbitrary<DayDraw> = fc.record({
  ret: fc.oneof({ weight: 4, arbitrary: d(-0.03, 0.03) }, { weight: 4, arbitrary: d(-0.12, 0.12) }, { weight: 1, arbitrary: d(-0.6, 0.8) }),
  gap: spiky(fc.constant(0), d(-0.85, 1.5)),
  up: spiky(d(0, 0.08), d(0, 1.5)),
  down: spiky(d(0, 0.08), d(0, 0.7)),
  funding: spiky(d(-0.002, 0.003), d(-0.1, 0.1)),
  lend: spiky(d(0, 0.15), d(0, 30)),
  borrow: fc.oneof({ weight: 16, arbitrary: d(0, 0.2) }, { weight: 2, arbitrary: d(0, 60) }, { weight: 1, arbitrary: d(0, 1e6) }),
});

const START_DAY = parseIsoDay('2025-01-01')!;

/** Rows from draws: each day opens at the previous close times (1 + gap). */
export function buildRows(p0: number, days: readonly DayDraw[]): MarketRow[] {
  let prev = p0;
  return days.map((x, t) => {
    const open = t === 0 ? p0 : prev * (1 + x.gap);
    const close = open * (1 + x.ret);
    const high = Math.max(open, close) * (1 + x.up);
    const low = Math.min(open, close) * (1 - x.down);
    prev = close;
    return { date: formatIsoDay(START_DAY + t), open, high, low, close, funding: x.funding, lendApy: x.lend, borrowApy: x.borrow };
  });
}

export const rowsArb = (minDays = 2, maxDays = 60): fc.Arbitrary<MarketRow[]> =>
  fc.tuple(d(0.5, 800), fc.array(dayArb, { minLength: minDays, maxLength: maxDays })).map(([p0, days]) => buildRows(p0, days));

/** Uniform in [min, max] (exported for tests that draw their own shapes). */
export const uniformArb = d;

/** Violent days: wide wicks, gaps and big moves often enough to liquidate high-leverage lanes many times per path. */
export const violentDayArb: fc.Arbitrary<DayDraw> = fc.tuple(dayArb, d(0, 1), d(-0.5, 0.6), d(0, 0.6), d(0, 0.5)).map(([x, r, ret, up, down]) =>
  r < 0.35 ? { ...x, ret, up, down, gap: r < 0.1 ? ret / 2 : 0 } : x,
);

/** Paths of 2-80 violent days. */
export const violentRowsArb = fc.tuple(d(1, 600), fc.array(violentDayArb, { minLength: 2, maxLength: 80 })).map(([p0, days]) => buildRows(p0, days));

export interface ParamDraw {
  model: ModelKind;
  venue: Venue;
  capital: number;
  mLong: number | null;
  mShort: number | null;
  penLong: { kind: PenaltyKind; rate: number } | null;
  penShort: { kind: PenaltyKind; rate: number } | null;
  longOpenFeeBps: number | null;
  longCloseFeeBps: number | null;
  perpFeeBps: number | null;
  transferCost: number | null;
  trigger: 'near' | 'bound' | 'random' | 'never' | 'default';
  levU: number;
  trigU: number;
}

const penaltyArb = fc.record({ kind: fc.constantFrom<PenaltyKind>('equity', 'notional'), rate: d(0, 1) });

export const paramDrawArb = (capital: fc.Arbitrary<number> = fc.oneof(fc.constantFrom(1000, 10_000, 100_000, 1_000_000), d(5, 2e6)), transfer: fc.Arbitrary<number> = spiky(d(0, 5), d(0, 3000))): fc.Arbitrary<ParamDraw> =>
  fc.record({
    model: fc.constantFrom<ModelKind>('static', 'rebalance', 'rotation', 'rebalance'),
    venue: fc.constantFrom<Venue>('hl', 'drift'),
    capital,
    mLong: fc.option(d(0.005, 0.4)),
    mShort: fc.option(d(0.005, 0.4)),
    penLong: fc.option(penaltyArb),
    penShort: fc.option(penaltyArb),
    longOpenFeeBps: fc.option(d(0, 80)),
    longCloseFeeBps: fc.option(d(0, 80)),
    perpFeeBps: fc.option(d(0, 80)),
    transferCost: fc.option(transfer),
    trigger: fc.constantFrom('near', 'bound', 'random', 'never', 'default'),
    levU: d(0, 1),
    trigU: d(0, 1),
  });

/** Turn a draw into valid resolved parameters for `convention` (leverage inside the validity bound). */
export function paramsOf(x: ParamDraw, convention: Convention): BacktestParams {
  const study = convention === 'study';
  const preset = venuePreset(x.venue, convention);
  const mL = x.mLong ?? preset.long.maintenance;
  const mS = x.mShort ?? preset.perp.maintenance;
  const maxL = Math.max(1, Math.min(0.8 / mL, 0.8 / mS) / 1.2);
  const L = 1 + x.levU * (maxL - 1);
  const trigger =
    x.trigger === 'near' ? 1.2 * L * (1 + x.trigU * 1e-3)
    : x.trigger === 'bound' ? 1.2 * L
    : x.trigger === 'random' ? 1.2 * L + x.trigU * 8
    : x.trigger === 'never' ? 999
    : undefined;
  const o: ParamOverrides = {
    convention,
    venue: x.venue,
    model: study ? 'rebalance' : x.model,
    capital: x.capital,
    leverage: L,
    trigger,
    long: {
      maintenance: mL,
      ...(x.penLong ? { penalty: x.penLong } : {}),
      ...(x.longOpenFeeBps !== null ? { openFeeBps: x.longOpenFeeBps } : {}),
      ...(x.longCloseFeeBps !== null && !study ? { closeFeeBps: x.longCloseFeeBps } : {}),
    },
    perp: {
      maintenance: mS,
      ...(x.penShort ? { penalty: x.penShort } : {}),
      ...(x.perpFeeBps !== null ? { feeBps: x.perpFeeBps } : {}),
    },
    ...(x.transferCost !== null ? { transferCost: x.transferCost } : {}),
  };
  try {
    return resolveParams(o);
  } catch {
    // A float at the edge of the bound: fall back to leverage 1, always valid with these maintenances.
    return resolveParams({ ...o, leverage: 1, trigger: 999 });
  }
}

/** A day's spot candle relative to the perp candle (MODEL.md 10.2): basis at the open and close, own wicks. */
export interface SpotDraw {
  basisOpen: number;
  basisClose: number;
  up: number;
  down: number;
}

export const spotDayArb: fc.Arbitrary<SpotDraw> = fc.record({
  basisOpen: spiky(d(-0.005, 0.005), d(-0.4, 0.4)),
  basisClose: spiky(d(-0.005, 0.005), d(-0.4, 0.4)),
  up: spiky(d(0, 0.06), d(0, 1)),
  down: spiky(d(0, 0.06), d(0, 0.7)),
});

/** Rows with the four spot columns: the perp candle of `buildRows` plus a spot candle around it. */
export function withSpot(rows: readonly MarketRow[], spot: readonly SpotDraw[]): MarketRow[] {
  return rows.map((r, t) => {
    const s = spot[t % spot.length]!;
    const so = r.open * (1 + s.basisOpen);
    const sc = r.close * (1 + s.basisClose);
    return { ...r, spotOpen: so, spotHigh: Math.max(so, sc) * (1 + s.up), spotLow: Math.min(so, sc) * (1 - s.down), spotClose: sc };
  });
}

export const rowsWithSpotArb = (minDays = 2, maxDays = 60): fc.Arbitrary<MarketRow[]> =>
  fc.tuple(rowsArb(minDays, maxDays), fc.array(spotDayArb, { minLength: 1, maxLength: maxDays })).map(([rows, spot]) => withSpot(rows, spot));

/** The MODEL.md section 10 options of one lane. */
export interface OptionDraw {
  survivor: 'close' | 'liquidation';
  legPrices: 'perp' | 'split';
  partial: { closeFactor: number; bonus: number } | null;
}

/** Options drawn independently per lane; `all` turns every option on (with a random CF and bonus). */
export const optionDrawArb = (all = false): fc.Arbitrary<OptionDraw> =>
  fc.record({
    survivor: all ? fc.constant('liquidation' as const) : fc.constantFrom('close' as const, 'liquidation' as const),
    legPrices: all ? fc.constant('split' as const) : fc.constantFrom('perp' as const, 'split' as const),
    partial: (all ? (x: fc.Arbitrary<{ closeFactor: number; bonus: number }>) => x : fc.option)(
      fc.record({
        closeFactor: fc.oneof(d(0.01, 1), fc.constantFrom(1, 0.2, 0.5), d(1e-4, 0.02)),
        bonus: fc.oneof(d(0, 0.999), fc.constantFrom(0, 0.05, 0.1), d(0, 0.02)),
      }),
    ),
  });

/** `paramsOf` with section 10 options (exact convention). */
export function paramsWithOptions(x: ParamDraw, opt: OptionDraw): BacktestParams {
  const p = paramsOf(x, 'exact');
  return resolveParams({
    ...p,
    survivor: opt.survivor,
    legPrices: opt.legPrices,
    long: { ...p.long, liquidation: opt.partial ? { kind: 'partial', ...opt.partial } : { kind: 'full' } },
  });
}
