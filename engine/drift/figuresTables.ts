/**
 * Helpers of the live figures batch (`figuresKernel.ts`): the kernel's i64 tables with an int32 view for
 * writing numbers below 2^53 without BigInt, reading decoded `BN` limbs directly, market lookup, and the f64
 * bounds under which every kernel quotient fits i64 (outside them an account goes to the BigInt reference).
 *
 * @example
 *   if (!putBN(table, 0, row, position.baseAssetAmount)) useTheReference();
 */
import type { LivePerpMarket, LiveSpotMarket } from '../health/liveTypes.js';
import type { BNLike, MarketsInput } from './figures.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** f64 bounds under which every kernel intermediate fits i64 (generous: the kernel also flags overflow). */
export const B = {
  price: 1e12, // $1M at 1e6
  quotePrice: 1e7, // quote oracle and TWAP at most $10
  base: 4e17, // |base|, |base + open orders|, 1e9
  notional: 1e14, // $100M per position
  quote: 1e15,
  fundingProduct: 1e27,
  token: 1e17, // token amounts and open spot orders, token precision
  ammSize: 4e18, // a spot size in AMM precision (1e9) under an IMF factor
  value: 1e14, // spot value $100M
  ratio: 1e5, // margin ratios, weights, buffer, 1e4
  imf: 1e6,
} as const;

export const TWO26 = 67108864;
export const TWO52 = 4503599627370496;
export const MODES: Record<string, number> = { default: 0, highLeverage: 1, highLeverageMaintenance: 2 };
export const SOURCE_MULTIPLES: Record<string, [number, number]> = {
  'pythPull/pyth1MPull': [1_000_000, 1],
  'pythPull/pyth1KPull': [1000, 1],
  'pyth1MPull/pythPull': [1, 1_000_000],
  'pyth1KPull/pythPull': [1, 1000],
  'pythLazer/pythLazer1M': [1_000_000, 1],
  'pythLazer/pythLazer1K': [1000, 1],
  'pythLazer1M/pythLazer': [1, 1_000_000],
  'pythLazer1K/pythLazer': [1, 1000],
};

/** A table of i64 columns in kernel memory, with an int32 view for writing numbers below 2^53 without BigInt. */
export class Table {
  readonly i64: BigInt64Array;
  readonly i32: Int32Array;
  constructor(
    buf: ArrayBuffer,
    readonly ptr: number,
    readonly cap: number,
    fields: number,
  ) {
    this.i64 = new BigInt64Array(buf, ptr, cap * fields);
    this.i32 = new Int32Array(buf, ptr, cap * fields * 2);
  }
  /** Write a safe integer into field f, row r. */
  num(f: number, r: number, v: number): void {
    const c = (f * this.cap + r) * 2;
    this.i32[c] = v;
    this.i32[c + 1] = Math.floor(v / 4294967296);
  }
  big(f: number, r: number, v: bigint): void {
    this.i64[f * this.cap + r] = v;
  }
}

/** Magnitude of a BN as a float (for bounds), NaN beyond 2^78. */
export function approx(x: BNLike): number {
  const n = x.length;
  const w = x.words;
  const v = n === 1 ? w[0]! : n === 2 ? w[0]! + w[1]! * TWO26 : n === 3 ? w[0]! + w[1]! * TWO26 + w[2]! * TWO52 : NaN;
  return x.negative !== 0 ? -v : v;
}

/** Write a BN into field f, row r; false when it does not fit i64. */
export function putBN(t: Table, f: number, r: number, x: BNLike): boolean {
  const n = x.length;
  const w = x.words;
  if (n === 1) t.num(f, r, x.negative !== 0 ? -w[0]! : w[0]!);
  else if (n === 2) {
    const v = w[0]! + w[1]! * TWO26;
    t.num(f, r, x.negative !== 0 ? -v : v);
  } else if (n === 3) {
    let v = BigInt(w[0]! + w[1]! * TWO26) + (BigInt(w[2]!) << 52n);
    if (x.negative !== 0) v = -v;
    if (v >= 2n ** 63n || v < -(2n ** 63n)) return false;
    t.big(f, r, v);
  } else return false;
  return true;
}

export const isZero = (x: BNLike): boolean => x.length === 1 && x.words[0] === 0;

export function lookup(markets: MarketsInput, index: number): Any {
  if (markets instanceof Map) return markets.get(index);
  const arr = markets as readonly Any[];
  const hit = arr[index];
  if (hit !== undefined && hit.marketIndex === index) return hit;
  for (const m of arr) if (m.marketIndex === index) return m;
  return undefined;
}

export const within = (x: bigint, limit: number): boolean => x >= -BigInt(limit) && x <= BigInt(limit);

export function perpMarketFits(m: LivePerpMarket, quote: LiveSpotMarket): boolean {
  return (
    within(m.oraclePrice, B.price) && within(m.mmOraclePrice, B.price) && [m.marginRatioInitial, m.marginRatioMaintenance, m.highLeverageMarginRatioInitial, m.highLeverageMarginRatioMaintenance, m.unrealizedPnlInitialAssetWeight, m.unrealizedPnlMaintenanceAssetWeight].every((r) => r >= 0n && r <= BigInt(B.ratio)) &&
    m.imfFactor <= BigInt(B.imf) && m.unrealizedPnlImfFactor <= BigInt(B.imf) && quote.oraclePrice <= BigInt(B.quotePrice) && quote.twap5Stored <= BigInt(B.quotePrice) && quote.twap5Stored >= 0n &&
    within(m.cumulativeFundingRateLong, 4e18) && within(m.cumulativeFundingRateShort, 4e18)
  );
}

export function spotMarketFits(m: LiveSpotMarket): boolean {
  return (
    m.decimals >= 1 && within(m.oraclePrice, B.price) && m.twap5Live >= 0n && m.twap5Live <= BigInt(B.price) && m.cumulativeDepositInterest <= 10n ** 12n && m.cumulativeBorrowInterest <= 10n ** 12n &&
    [m.scaledInitialAssetWeight, m.maintenanceAssetWeight, m.initialLiabilityWeight, m.maintenanceLiabilityWeight].every((r) => r >= 0n && r <= BigInt(B.ratio)) && m.imfFactor <= BigInt(B.imf)
  );
}
