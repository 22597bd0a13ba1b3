/**
 * Host side of the batched WASM health kernel (`core-wasm/health`, built to `build/health.wasm`).
 *
 * The host lays out struct-of-arrays i64 columns in the kernel's linear memory (layout drawn in
 * `core-wasm/health/index.ts`), copies account and per-position market data in, and calls `evaluate`
 * once per batch. Results equal `reference.ts` exactly (tests/engine/health/kernel-parity.test.ts).
 *
 * @example
 *   const batch = new HealthBatch(1000, 8000);
 *   batch.load(items);            // items: { account, markets }[]
 *   batch.run();
 *   const r = batch.result(0);    // HealthResult, same as accountHealth(items[0].account, items[0].markets)
 *
 * Inputs outside `KERNEL_BOUNDS` are refused (RangeError) rather than computed wrongly; an account whose
 * liquidation-price quotient overflows i64 is flagged by the kernel and recomputed with the reference.
 */
import { readFileSync } from 'node:fs';
import { repoPath } from '../paths.js';
import { accountHealth, marketMarginRatio, perpLiabilityValue } from './reference.js';
import type { AccountState, HealthResult, MarketSnapshot } from './types.js';

/**
 * Input bounds under which every i64 intermediate of the kernel fits (derivations in
 * docs/health-paper-strategy.md); `HealthBatch.load` rejects anything outside with a RangeError.
 */
export const KERNEL_BOUNDS = {
  /** |base|, 1e9 (5e8 units; |base| x 10 + 1 must fit i64 for the IMF square root) */
  baseAbs: 5n * 10n ** 17n,
  /** oracle price, 1e6 ($1M) */
  price: 10n ** 12n,
  /** per-position notional, quote 1e6 ($100M); an account's total is then below $800M */
  notional: 10n ** 14n,
  /** |quote asset amount|, 1e6 */
  quoteAbs: 10n ** 15n,
  /** |cumulative funding delta| x |base| (1e9 x 1e9): unsettled funding below $1B */
  fundingProductAbs: 10n ** 27n,
  /** USDC scaled balance, 1e9 */
  usdcScaled: 10n ** 17n,
  /** cumulative deposit interest, 1e10 */
  depositInterest: 5n * 10n ** 10n,
  /** unrealizedPnlImfFactor, 1e6 */
  pnlImfFactor: 1_000_000,
  /** a margin ratio after the IMF size premium and custom ratios (1e4): 100x the position's notional */
  effectiveRatio: 1_000_000n,
  /** any configured margin ratio or weight, 1e4 */
  ratio: 100_000,
} as const;

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

/** Why an item lies outside `KERNEL_BOUNDS`, or undefined when the kernel handles it exactly. */
export function boundsViolation(item: HealthItem): string | undefined {
  const B = KERNEL_BOUNDS;
  const { account, markets } = item;
  if (account.usdcScaledBalance < 0n || account.usdcScaledBalance > B.usdcScaled) return 'usdcScaledBalance';
  const interest = markets.quote.cumulativeDepositInterest;
  if (interest < 0n || interest > B.depositInterest) return 'cumulativeDepositInterest';
  if (!(account.maxMarginRatio >= 0 && account.maxMarginRatio <= B.ratio)) return 'maxMarginRatio';
  for (const pos of account.positions) {
    const m = markets.perp[pos.marketIndex];
    if (m === undefined) return `market ${pos.marketIndex}`;
    if (m.oraclePrice < 1n || m.oraclePrice > B.price) return `market ${pos.marketIndex} oraclePrice`;
    const ratios = [m.marginRatioInitial, m.marginRatioMaintenance, m.unrealizedPnlInitialAssetWeight, m.unrealizedPnlMaintenanceAssetWeight, pos.maxMarginRatio];
    if (!ratios.every((r) => r >= 0 && r <= B.ratio)) return `market ${pos.marketIndex} ratio or weight`;
    if (!(m.imfFactor >= 0 && m.unrealizedPnlImfFactor >= 0 && m.unrealizedPnlImfFactor <= B.pnlImfFactor)) return `market ${pos.marketIndex} IMF factors`;
    const baseAbs = abs(pos.baseAssetAmount);
    if (baseAbs > B.baseAbs) return `position ${pos.marketIndex} baseAssetAmount`;
    if (perpLiabilityValue(pos.baseAssetAmount, m.oraclePrice) > B.notional) return `position ${pos.marketIndex} notional`;
    if (abs(pos.quoteAssetAmount) > B.quoteAbs) return `position ${pos.marketIndex} quoteAssetAmount`;
    const custom = Math.max(account.maxMarginRatio, pos.maxMarginRatio);
    if (marketMarginRatio(m, baseAbs, 'Initial', custom) > B.effectiveRatio || marketMarginRatio(m, baseAbs, 'Maintenance', 0) > B.effectiveRatio) {
      return `position ${pos.marketIndex} effective margin ratio`;
    }
    if (pos.baseAssetAmount !== 0n) {
      const cum = pos.baseAssetAmount > 0n ? m.cumulativeFundingRateLong : m.cumulativeFundingRateShort;
      if (abs(cum - pos.lastCumulativeFundingRate) * baseAbs > B.fundingProductAbs) return `position ${pos.marketIndex} unsettled funding`;
    }
  }
  return undefined;
}

interface HealthExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  evaluate(n: number, acc: number, capA: number, pos: number, capP: number, out: number): number;
  evaluateHealth(n: number, acc: number, capA: number, pos: number, capP: number, out: number): number;
}

const ACC_IN = 5;
const POS_IN = 13;
const ACC_OUT = 8;

let cachedModule: WebAssembly.Module | undefined;

/** The compiled kernel module (compiled once per process). */
export function healthModule(): WebAssembly.Module {
  if (cachedModule === undefined) {
    const path = repoPath('build', 'health.wasm');
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      throw new Error(`${path} is missing: run \`npm run build:wasm\` first`);
    }
    cachedModule = new WebAssembly.Module(new Uint8Array(bytes));
  }
  return cachedModule;
}

export interface HealthItem {
  account: AccountState;
  markets: MarketSnapshot;
}

/** A reusable batch: one kernel instance with room for `capAccounts` accounts and `capPositions` positions. */
export class HealthBatch {
  readonly capAccounts: number;
  readonly capPositions: number;
  private readonly wasm: HealthExports;
  private readonly accPtr: number;
  private readonly posPtr: number;
  private readonly outPtr: number;
  private readonly acc: BigInt64Array;
  private readonly pos: BigInt64Array;
  private readonly out: BigInt64Array;
  private count = 0;
  private items: readonly HealthItem[] = [];

  constructor(capAccounts: number, capPositions: number) {
    if (!(capAccounts >= 1 && capPositions >= 1)) throw new RangeError('HealthBatch needs room for >= 1 account and position');
    this.capAccounts = capAccounts;
    this.capPositions = capPositions;
    this.wasm = new WebAssembly.Instance(healthModule(), {}).exports as unknown as HealthExports;
    const base = this.wasm.heapBase();
    this.accPtr = base;
    this.posPtr = this.accPtr + ACC_IN * capAccounts * 8;
    this.outPtr = this.posPtr + POS_IN * capPositions * 8;
    // + scratch for evaluateHealth's position prefix sums: 3 x (capPositions + 1) cells
    const end = this.outPtr + (ACC_OUT * capAccounts + capPositions + 3 * (capPositions + 1)) * 8;
    const pages = Math.ceil(end / 65536) - this.wasm.memory.buffer.byteLength / 65536;
    if (pages > 0) this.wasm.memory.grow(pages);
    // Views only after growing: growth detaches earlier views (KERNEL-NOTES pitfall 4).
    const buf = this.wasm.memory.buffer;
    this.acc = new BigInt64Array(buf, this.accPtr, ACC_IN * capAccounts);
    this.pos = new BigInt64Array(buf, this.posPtr, POS_IN * capPositions);
    this.out = new BigInt64Array(buf, this.outPtr, ACC_OUT * capAccounts + capPositions);
  }

  /** Copy accounts (and each position's market parameters) into the kernel's memory. */
  load(items: readonly HealthItem[]): void {
    if (items.length > this.capAccounts) throw new RangeError(`batch holds ${this.capAccounts} accounts, got ${items.length}`);
    items.forEach((item, a) => {
      const bad = boundsViolation(item);
      if (bad !== undefined) throw new RangeError(`account ${a}: ${bad} outside the health kernel's bounds (KERNEL_BOUNDS)`);
    });
    const capA = this.capAccounts;
    const capP = this.capPositions;
    let p = 0;
    items.forEach(({ account, markets }, a) => {
      this.acc[a] = account.usdcScaledBalance;
      this.acc[capA + a] = markets.quote.cumulativeDepositInterest;
      this.acc[2 * capA + a] = BigInt(account.maxMarginRatio);
      this.acc[3 * capA + a] = BigInt(p);
      for (const pos of account.positions) {
        if (p >= capP) throw new RangeError(`batch holds ${capP} positions`);
        const m = markets.perp[pos.marketIndex];
        if (m === undefined) throw new RangeError(`no perp market state for index ${pos.marketIndex}`);
        const col = [
          pos.baseAssetAmount, pos.quoteAssetAmount, pos.lastCumulativeFundingRate, BigInt(pos.maxMarginRatio),
          m.oraclePrice, BigInt(m.marginRatioInitial), BigInt(m.marginRatioMaintenance), BigInt(m.imfFactor),
          BigInt(m.unrealizedPnlInitialAssetWeight), BigInt(m.unrealizedPnlMaintenanceAssetWeight),
          BigInt(m.unrealizedPnlImfFactor), m.cumulativeFundingRateLong, m.cumulativeFundingRateShort,
        ];
        for (let f = 0; f < POS_IN; f++) this.pos[f * capP + p] = col[f]!;
        p++;
      }
      this.acc[4 * capA + a] = BigInt(p);
    });
    this.count = items.length;
    this.items = items;
  }

  /** Evaluate every loaded account. */
  run(): void {
    this.wasm.evaluate(this.count, this.accPtr, this.capAccounts, this.posPtr, this.capPositions, this.outPtr);
  }

  /**
   * Health only, like `User.getHealth()`: faster than `run`; read it with `health(a)`,
   * `totalCollateral(a)` and `maintenanceMarginRequirement(a)`.
   */
  runHealth(): void {
    this.wasm.evaluateHealth(this.count, this.accPtr, this.capAccounts, this.posPtr, this.capPositions, this.outPtr);
  }

  /** Health (0..100) of account `a` after `run` or `runHealth`. */
  health(a: number): number {
    return this.overflowed(a) ? this.reference(a).health : Number(this.out[4 * this.capAccounts + a]);
  }

  /** Maintenance total collateral (quote 1e6) of account `a` after `run` or `runHealth`. */
  totalCollateral(a: number): bigint {
    return this.overflowed(a) ? this.reference(a).totalCollateral : this.out[a]!;
  }

  /** Maintenance margin requirement (quote 1e6) of account `a` after `run` or `runHealth`. */
  maintenanceMarginRequirement(a: number): bigint {
    return this.overflowed(a) ? this.reference(a).maintenanceMarginRequirement : this.out[2 * this.capAccounts + a]!;
  }

  private reference(a: number): HealthResult {
    const item = this.items[a]!;
    return accountHealth(item.account, item.markets);
  }

  /** True when the kernel flagged account `a` as overflowing (its `result` comes from the reference). */
  overflowed(a: number): boolean {
    return this.out[7 * this.capAccounts + a] !== 0n;
  }

  /** The health of loaded account `a` (after `run`). */
  result(a: number): HealthResult {
    if (!(a >= 0 && a < this.count)) throw new RangeError(`no account ${a} in this batch`);
    const capA = this.capAccounts;
    const o = (f: number): bigint => this.out[f * capA + a]!;
    if (o(7) !== 0n) return this.reference(a); // the kernel flagged it: recompute exactly in BigInt
    const start = Number(this.acc[3 * capA + a]);
    const end = Number(this.acc[4 * capA + a]);
    const liquidationPrices: bigint[] = [];
    for (let p = start; p < end; p++) liquidationPrices.push(this.out[ACC_OUT * capA + p]!);
    return {
      totalCollateral: o(0),
      initialTotalCollateral: o(1),
      maintenanceMarginRequirement: o(2),
      initialMarginRequirement: o(3),
      health: Number(o(4)),
      leverage: o(5),
      freeCollateral: o(6),
      liquidationPrices,
    };
  }
}

/** Evaluate a list of accounts in one kernel call. */
export function evaluateHealthBatch(items: readonly HealthItem[]): HealthResult[] {
  const positions = items.reduce((n, it) => n + it.account.positions.length, 0);
  const batch = new HealthBatch(Math.max(1, items.length), Math.max(1, positions));
  batch.load(items);
  batch.run();
  return items.map((_, a) => batch.result(a));
}
