/**
 * Size-based slippage (MODEL.md section 8): 0.10% at zero size rising linearly to 0.30% at or above a
 * reference notional (default $100k), always against the taker. Integer quote units (1e6).
 */

export interface SlippageConfig {
  /** at zero size, parts per million of notional */
  minPpm: number;
  /** at or above the reference size, ppm */
  maxPpm: number;
  /** quote 1e6 */
  referenceNotional: bigint;
}

export const DEFAULT_SLIPPAGE: SlippageConfig = { minPpm: 1000, maxPpm: 3000, referenceNotional: 100_000n * 1_000_000n };

const PPM = 1_000_000n;
const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

/** The slippage rate for a trade of `notional` (quote 1e6), in ppm (truncated). */
export function slippagePpm(notional: bigint, cfg: SlippageConfig = DEFAULT_SLIPPAGE): bigint {
  const lo = BigInt(cfg.minPpm);
  const hi = BigInt(cfg.maxPpm);
  if (notional >= cfg.referenceNotional) return hi;
  return lo + ((hi - lo) * notional) / cfg.referenceNotional;
}

/**
 * The slippage cost of a trade in quote units: `notional x rate`, rounded up but kept inside
 * [minPpm, maxPpm] of the notional, so that the property "within [0.10%, 0.30%]" holds exactly.
 * Requires `notional >= PPM / (maxPpm - minPpm)`-ish sizes; the venue enforces a minimum order.
 */
export function slippageCost(notional: bigint, cfg: SlippageConfig = DEFAULT_SLIPPAGE): bigint {
  const raw = ceilDiv(notional * slippagePpm(notional, cfg), PPM);
  const floor = ceilDiv(notional * BigInt(cfg.minPpm), PPM);
  const cap = (notional * BigInt(cfg.maxPpm)) / PPM;
  return raw < floor ? floor : raw > cap ? cap : raw;
}
