/**
 * Seeded random Drift accounts and market snapshots for cross-checking the health math (SDK vs reference
 * vs WASM). They span the covered class of states (types.ts): USDC collateral from $0 to ~$1M, 0 to 8 perp
 * positions in distinct markets of the nine, long and short, leverage 0 to ~30x, entries +-25% off the
 * oracle (so health covers 0..100 and negative collateral), unsettled funding, closed positions with
 * unsettled PnL, dust positions, with and without IMF size premia and custom margin ratios.
 *
 * @example
 *   const items = randomHealthItems('health-xcheck-1', 1000);
 */
import seedrandom from 'seedrandom';
import type { HealthItem } from './kernel.js';
import {
  MAX_PERP_POSITIONS,
  PERP_MARKET_NAMES,
  type AccountState,
  type MarketSnapshot,
  type PerpMarketState,
  type PerpPositionState,
} from './types.js';

type Rng = () => number;

/** Rough USD prices of the nine markets (1MBONK: a million BONK); each snapshot scales them x0.5..2. */
const TYPICAL_PRICE_USD = [150, 90_000, 3_000, 8, 20, 0.4, 0.5, 0.2, 600];
const MAINTENANCE_CHOICES = [250, 300, 500, 625, 1000];

const uniform = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng();
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const int = (x: number): bigint => BigInt(Math.round(x));

function randomMarket(rng: Rng, index: number): PerpMarketState {
  const oraclePrice = int(TYPICAL_PRICE_USD[index]! * uniform(rng, 0.5, 2) * 1e6);
  const maintenance = pick(rng, MAINTENANCE_CHOICES);
  const initial = Math.max(maintenance, pick(rng, [maintenance * 2, 500, 1000, 2000]));
  const fundingScale = Number(oraclePrice) * 1e3; // a cumulative funding of 1x price, at 1e9
  const cumulativeLong = int(fundingScale * uniform(rng, -0.2, 0.2));
  return {
    marketIndex: index,
    oraclePrice: oraclePrice > 0n ? oraclePrice : 1n,
    marginRatioInitial: initial,
    marginRatioMaintenance: maintenance,
    imfFactor: rng() < 0.5 ? 0 : Math.round(uniform(rng, 100, 5_000)),
    unrealizedPnlInitialAssetWeight: pick(rng, [0, 5000, 10_000, 10_000]),
    unrealizedPnlMaintenanceAssetWeight: pick(rng, [10_000, 10_000, 10_000, 8000]),
    unrealizedPnlImfFactor: rng() < 0.5 ? 0 : Math.round(uniform(rng, 100, 100_000)),
    cumulativeFundingRateLong: cumulativeLong,
    cumulativeFundingRateShort: cumulativeLong - int(fundingScale * uniform(rng, 0, 0.001)),
  };
}

/** A snapshot of all nine markets plus the USDC market. */
export function randomMarkets(rng: Rng): MarketSnapshot {
  return {
    quote: { cumulativeDepositInterest: int(1e10 * uniform(rng, 1, 1.15)) },
    perp: PERP_MARKET_NAMES.map((_, i) => randomMarket(rng, i)),
  };
}

function randomPosition(rng: Rng, market: PerpMarketState, notionalUsd: number): PerpPositionState {
  const price = Number(market.oraclePrice) / 1e6;
  const side = rng() < 0.5 ? -1n : 1n;
  const roll = rng();
  let base = int((notionalUsd / price) * 1e9) * side;
  if (roll < 0.03) base = int(uniform(rng, 1, 2000)) * side; // dust: exercises truncation to zero
  const entry = price * uniform(rng, 0.75, 1.25);
  const cost = (Number(base < 0n ? -base : base) / 1e9) * entry;
  let quote = int(-Number(side) * cost * 1e6 - cost * 1e6 * uniform(rng, 0, 0.01));
  if (roll > 0.95) {
    base = 0n; // closed, PnL not yet settled
    quote = int(uniform(rng, -1, 1) * notionalUsd * 0.1 * 1e6);
  }
  const fundingScale = Number(market.oraclePrice) * 1e3;
  const cumulative = base >= 0n ? market.cumulativeFundingRateLong : market.cumulativeFundingRateShort;
  return {
    marketIndex: market.marketIndex,
    baseAssetAmount: base,
    quoteAssetAmount: quote,
    lastCumulativeFundingRate: cumulative - int(fundingScale * uniform(rng, -0.005, 0.005)),
    maxMarginRatio: rng() < 0.8 ? 0 : pick(rng, [1000, 2000, 5000]),
  };
}

/** A random account over `markets`. */
export function randomAccount(rng: Rng, markets: MarketSnapshot): AccountState {
  const collateralUsd = rng() < 0.03 ? 0 : 10 ** uniform(rng, 1, 6);
  const count = rng() < 0.05 ? 0 : 1 + Math.floor(rng() ** 2 * MAX_PERP_POSITIONS);
  const indices = PERP_MARKET_NAMES.map((_, i) => i);
  for (let i = indices.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [indices[i], indices[j]] = [indices[j]!, indices[i]!];
  }
  const leverage = uniform(rng, 0, 1) ** 2 * 30;
  const weights = indices.slice(0, count).map(() => uniform(rng, 0.1, 1));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const positions = indices
    .slice(0, count)
    .map((m, k) => randomPosition(rng, markets.perp[m]!, (Math.max(collateralUsd, 50) * leverage * weights[k]!) / totalWeight));
  const interest = Number(markets.quote.cumulativeDepositInterest) / 1e10;
  return {
    usdcScaledBalance: int((collateralUsd / interest) * 1e9),
    maxMarginRatio: rng() < 0.9 ? 0 : pick(rng, [1000, 2000]),
    positions,
  };
}

/**
 * `n` random (account, markets) pairs from the seed; a new market snapshot every `accountsPerSnapshot`
 * accounts (consecutive items share the same snapshot object).
 */
export function randomHealthItems(seed: string, n: number, accountsPerSnapshot = 1): HealthItem[] {
  const rng = seedrandom(seed);
  const items: HealthItem[] = [];
  let markets = randomMarkets(rng);
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % accountsPerSnapshot === 0) markets = randomMarkets(rng);
    items.push({ account: randomAccount(rng, markets), markets });
  }
  return items;
}
