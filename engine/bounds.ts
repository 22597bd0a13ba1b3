/**
 * Plausibility bounds of every number the loaders and flags accept, in one table (rendered in
 * docs/bounds.md, which a test keeps equal to this table) and checked here only. A value outside is
 * refused before any work: by a loader as a `DataError` naming file, row, date and field (exit 1), by a
 * flag or a suite/grid field as a `UsageError` naming it (exit 2). The bounds are wide enough for any
 * real SOL market and account, and narrow enough that the kernel's figures stay finite for ordinary
 * series; where a combination can still overflow (an exact annualised return over two days), the
 * verdict rule of harness/verdict/finite.ts reports the run as invalid.
 *
 * @example boundProblem('capital', 1e308) // 'must lie in [1, 1e9] (capital, USD; docs/bounds.md), got 1e+308'
 */

export interface Bound {
  /** What the value is, as the docs table says it. */
  what: string;
  min: number;
  max: number;
  /** `min` itself is excluded. */
  minOpen?: boolean;
  /** Must be a whole number. */
  integer?: boolean;
  unit: string;
  /** Where the value comes from (files, flags). */
  where: string;
  why: string;
}

export const BOUNDS = {
  price: {
    what: 'price (open, high, low, close; hourly price; candles; oracle TWAP)', min: 1e-4, max: 1e7, unit: 'USD per SOL',
    where: 'canonical CSV (spot_* columns too), hourly CSV, venue and spot candles, Drift records, generator and bootstrap startPrice',
    why: 'below 1e-4 the paper venue\'s 1e-6 price precision and the kernel\'s sizes lose meaning; SOL has traded between ~0.5 and ~300',
  },
  fundingDaily: {
    what: 'funding of one day', min: -1, max: 1, unit: 'fraction of notional per day',
    where: 'canonical CSV, daily funding files, venue funding summed per day',
    why: 'a whole notional per day; venues cap far lower (Hyperliquid 4%/hour)',
  },
  fundingHourly: {
    what: 'funding of one hour', min: -1 / 24, max: 1 / 24, unit: 'fraction of notional per hour',
    where: 'hourly CSV (paper --hourly)',
    why: 'the daily bound spread over 24 hours',
  },
  apy: {
    what: 'lending or borrow APY', min: 0, max: 10, unit: 'annual fraction (10 = 1000%)',
    where: 'canonical CSV, hourly CSV, DefiLlama (percent / 100), generator lend/borrow min and max',
    why: 'lending rates are never negative; 1000% is beyond any utilisation curve\'s cap',
  },
  capital: { what: 'starting capital', min: 1, max: 1e9, unit: 'USD', where: '--capital, sweep --capital, grid and suite capital', why: 'one dollar to a billion' },
  leverage: { what: 'per-leg leverage', min: 1, max: 100, unit: 'x', where: '--leverage, sweep and suite grids', why: 'MODEL.md section 3 validity narrows it further with the maintenances' },
  trigger: { what: 'rebalance trigger', min: 1, max: 999, unit: 'leg leverage (999 = never)', where: '--trigger, sweep and suite grids (also k of kL)', why: '999 is the conventional never' },
  feeBps: {
    what: 'fee', min: 0, max: 1000, unit: 'bps (1000 = 10%)', where: '--long.openFeeBps, --long.closeFeeBps, --perp.feeBps, sweep --long-fee, grid longOpenFeeBps',
    why: 'a fee above 10% per trade is a typo',
  },
  maintenance: { what: 'maintenance margin fraction', min: 0.001, max: 0.9, unit: 'fraction', where: '--long.maintenance, --perp.maintenance', why: 'MODEL.md requires (0, 1); 0.1% to 90% covers every venue' },
  penaltyRate: { what: 'liquidation penalty rate', min: 0, max: 1, unit: 'fraction', where: '--long.penalty KIND:RATE, --perp.penalty KIND:RATE', why: 'MODEL.md section 3' },
  transferCost: { what: 'cost per capital transfer', min: 0, max: 1e6, unit: 'USD', where: '--transferCost', why: 'a million dollars per bridge transfer is a typo' },
  year: { what: 'year of any date or timestamp', min: 1970, max: 2200, integer: true, unit: 'calendar year (UTC)', where: 'every date and timestamp of every file and flag', why: 'day numbers count from 1970-01-01; no market data predates it' },
  netApy: { what: 'entry / stop net APY', min: -10, max: 10, unit: 'annual fraction', where: 'paper --entry-apy, --stop-apy', why: 'the APY bound, either sign' },
  lookbackHours: { what: 'funding lookback', min: 1, max: 87_600, integer: true, unit: 'hours', where: 'paper --lookback-hours', why: 'up to ten years' },
  seed: { what: 'seed', min: 0, max: Number.MAX_SAFE_INTEGER, integer: true, unit: '-', where: '--seed', why: 'exactly representable' },
  scenarioIndex: { what: 'scenario index', min: 0, max: 1e9, integer: true, unit: '-', where: 'scenario generate --index', why: 'a billion scenarios per set' },
  generatorDays: { what: 'generated days', min: 2, max: 100_000, integer: true, unit: 'days', where: 'scenario generate --days, example --days, generator and bootstrap days', why: 'at least two rows; about 270 years' },
  workers: { what: 'worker threads', min: 1, max: 256, integer: true, unit: '-', where: '--workers', why: 'more threads than any machine here has cores' },
  chunk: { what: 'scenarios per chunk', min: 1, max: 1_000_000, integer: true, unit: '-', where: 'suite run --chunk', why: '-' },
  maxFailures: { what: 'failing scenarios printed', min: 0, max: 1e9, integer: true, unit: '-', where: 'suite run --max-failures', why: '0 = all' },
} satisfies Record<string, Bound>;

export type BoundKey = keyof typeof BOUNDS;

/** Shortest readable form of a bound (1e-4, 1e9, 0.041667). */
export function boundText(x: number): string {
  if (x === Number.MAX_SAFE_INTEGER) return '2^53-1';
  if (Math.abs(x) >= 1e6 || (x !== 0 && Math.abs(x) < 1e-3)) return x.toExponential().replace('e+', 'e').replace(/\.0+e/, 'e');
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(5)));
}

/** The allowed range as text: `[1, 1e9]`, `(0, 1)`. */
export function rangeText(key: BoundKey): string {
  const b: Bound = BOUNDS[key];
  return `${b.minOpen ? '(' : '['}${boundText(b.min)}, ${boundText(b.max)}]`;
}

/** What is wrong with `v` as a `key`, or null when it is inside its bounds. */
export function boundProblem(key: BoundKey, v: number): string | null {
  const b: Bound = BOUNDS[key];
  const inside = Number.isFinite(v) && (b.minOpen ? v > b.min : v >= b.min) && v <= b.max && (!b.integer || Number.isInteger(v));
  if (inside) return null;
  return `must lie in ${rangeText(key)}${b.integer ? ' and be a whole number' : ''} (${b.what}, ${b.unit}; docs/bounds.md), got ${v}`;
}

/** The docs table (docs/bounds.md holds exactly these lines). */
export function boundsTableMarkdown(): string {
  const rows = (Object.keys(BOUNDS) as BoundKey[]).map((k) => {
    const b: Bound = BOUNDS[k];
    return `| \`${k}\` | ${b.what} | ${rangeText(k)}${b.integer ? ' whole' : ''} | ${b.unit} | ${b.where} | ${b.why} |`;
  });
  return ['| key | value | allowed | unit | read from | why |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n') + '\n';
}
