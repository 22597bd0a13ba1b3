/**
 * Host side of the live figures kernel (`core-wasm/health/live.ts`, in `build/health.wasm`): lays decoded SDK
 * accounts straight into the kernel's struct-of-arrays tables, for speed: `BN` limbs below 2^52 are written
 * as two int32 words (no BigInt on the hot path), markets are converted and written once per batch, and the
 * bounds that keep every kernel quotient inside i64 are checked in f64 with wide margins. An account outside
 * them, or one the kernel flags, is recomputed with the BigInt reference; an account the reference refuses
 * yields its `FiguresRefusedError`.
 *
 * @example
 *   const results = new FiguresKernel().run(inputs); // (LiveFigures | FiguresRefusedError)[]
 */
import { healthModule } from '../health/kernel.js';
import { liveFigures } from '../health/liveMargin.js';
import { FiguresRefusedError, type LiveFigures, type LivePerpMarket, type LiveSpotMarket } from '../health/liveTypes.js';
import type { FiguresInput } from './figures.js';
import { MarketCache, convertAccount, keyString, variant } from './figuresConvert.js';
import { B, MODES, SOURCE_MULTIPLES, Table, approx, isZero, lookup, perpMarketFits, putBN, spotMarketFits } from './figuresTables.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const ACC = 8;
const PERP = 11;
const PMKT = 14;
const SPOT = 6;
const SMKT = 13;
const OUT = 11;
/** Accounts per kernel call (fixed memory whatever the batch size). */
export const CHUNK = 2048;
const MAX_SLOTS = 8;
/** Calls with at most this many accounts keep the previous calls' market rows. */
const SMALL_CALL = 64;

interface Exports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  evaluateLive(n: number, acc: number, capA: number, perp: number, capP: number, pmkt: number, capPM: number, spot: number, capS: number, smkt: number, capSM: number, out: number): number;
  evaluateLiveHealth(n: number, acc: number, capA: number, perp: number, capP: number, pmkt: number, capPM: number, spot: number, capS: number, smkt: number, capSM: number, out: number): number;
}

interface PerpRow {
  row: number;
  oracle: Any;
  quoteOracle: Any;
  /** the quote spot market object and clock the row was converted with */
  quoteRaw: Any;
  now: bigint;
  /** the spot market list `sameOracle` was looked up in (another list: looked up again) */
  spots: Any;
  live: LivePerpMarket;
  sameOracle: number;
  num: number;
  den: number;
  /** f64 copies for the bounds checks */
  price: number;
  cumLong: number;
  cumShort: number;
}

interface SpotRow {
  row: number;
  oracle: Any;
  /** the clock of the live TWAP in the row */
  now: bigint;
  live: LiveSpotMarket;
  deposit: number;
  borrow: number;
  /** 10^decimals, 10^(19 - decimals), max(oracle, live TWAP) as f64 */
  precision: number;
  decrease: number;
  maxPrice: number;
}

/** One batch's market rows: decoded market (and its oracle, now) -> row, -1 when outside the kernel's bounds. */
interface Rows {
  perp: Map<Any, PerpRow>;
  spot: Map<Any, SpotRow>;
  perpCount: number;
  spotCount: number;
}

/**
 * The liquidation price's same-oracle spot market of a perp row in the list `spots`: the first in the given
 * order on the perp market's oracle (like `getSpotMarketAccounts()`), with the oracle sources' multiple.
 */
function sameOracleMarket(entry: PerpRow, spots: FiguresInput['spotMarkets']): void {
  entry.spots = spots;
  entry.sameOracle = -1;
  entry.num = 1;
  entry.den = 1;
  const list = spots instanceof Map ? spots.values() : (spots as readonly Any[]);
  for (const sm of list) {
    if (keyString(sm.oracle) !== entry.live.oracle) continue;
    entry.sameOracle = sm.marketIndex;
    [entry.num, entry.den] = SOURCE_MULTIPLES[`${entry.live.oracleSource}/${variant(sm.oracleSource)}`] ?? [1, 1];
    return;
  }
}

export class FiguresKernel {
  private readonly wasm: Exports;
  private readonly acc: Table;
  private readonly perp: Table;
  private readonly pmkt: Table;
  private readonly spot: Table;
  private readonly smkt: Table;
  private readonly out: BigInt64Array;
  private readonly outPtr: number;
  private readonly cache = new MarketCache();
  private rows: Rows | undefined;
  private readonly capM: number;
  /** How the last `run` evaluated its accounts: by the kernel, by the reference (bounds or kernel flag), refused. */
  readonly stats = { kernel: 0, reference: 0, refused: 0 };

  constructor() {
    this.wasm = new WebAssembly.Instance(healthModule(), {}).exports as unknown as Exports;
    const capA = CHUNK;
    const capP = CHUNK * MAX_SLOTS;
    this.capM = 4096;
    let ptr = this.wasm.heapBase();
    const sizes = [ACC * capA, PERP * capP, PMKT * this.capM, SPOT * capP, SMKT * this.capM, OUT * capA + capP];
    const end = ptr + sizes.reduce((a, b) => a + b, 0) * 8;
    const pages = Math.ceil(end / 65536) - this.wasm.memory.buffer.byteLength / 65536;
    if (pages > 0) this.wasm.memory.grow(pages);
    const buf = this.wasm.memory.buffer as ArrayBuffer;
    const take = (cap: number, fields: number): Table => {
      const t = new Table(buf, ptr, cap, fields);
      ptr += cap * fields * 8;
      return t;
    };
    this.acc = take(capA, ACC);
    this.perp = take(capP, PERP);
    this.pmkt = take(this.capM, PMKT);
    this.spot = take(capP, SPOT);
    this.smkt = take(this.capM, SMKT);
    this.outPtr = ptr;
    this.out = new BigInt64Array(buf, ptr, OUT * capA + capP);
  }

  /** Figures of every input, in order (refused accounts: their error). */
  run(inputs: readonly FiguresInput[]): (LiveFigures | FiguresRefusedError)[] {
    this.stats.kernel = 0;
    this.stats.reference = 0;
    this.stats.refused = 0;
    const results: (LiveFigures | FiguresRefusedError)[] = new Array(inputs.length);
    for (let start = 0; start < inputs.length; start += CHUNK) this.chunk(inputs, start, Math.min(inputs.length, start + CHUNK), results);
    return results;
  }

  private reference(input: FiguresInput): LiveFigures | FiguresRefusedError {
    try {
      const { account, markets } = convertAccount(input, this.cache);
      const f = liveFigures(account, markets);
      this.stats.reference++;
      return f;
    } catch (e) {
      if (e instanceof FiguresRefusedError) {
        this.stats.refused++;
        return e;
      }
      throw e;
    }
  }

  /** Accounts the last chunk handed to the kernel (for `rerunKernel`), and each one's input index in that run. */
  private lastKernelCount = 0;
  lastSlots: readonly number[] = [];

  /**
   * Run the kernel again on the tables the last chunk wrote, without converting or reading results (the bench's
   * "kernel alone"); returns the number of accounts evaluated.
   */
  rerunKernel(): number {
    const capP = CHUNK * MAX_SLOTS;
    return this.wasm.evaluateLive(this.lastKernelCount, this.acc.ptr, CHUNK, this.perp.ptr, capP, this.pmkt.ptr, this.capM, this.spot.ptr, capP, this.smkt.ptr, this.capM, this.outPtr);
  }

  /** Health only (`evaluateLiveHealth`) on the tables the last chunk wrote; health of kernel slot `a` via `lastHealth`. */
  rerunKernelHealth(): number {
    const capP = CHUNK * MAX_SLOTS;
    return this.wasm.evaluateLiveHealth(this.lastKernelCount, this.acc.ptr, CHUNK, this.perp.ptr, capP, this.pmkt.ptr, this.capM, this.spot.ptr, capP, this.smkt.ptr, this.capM, this.outPtr);
  }

  /** Health of kernel slot `a` after `rerunKernelHealth` (-1 when flagged). */
  lastHealth(a: number): number {
    return this.out[10 * CHUNK + a] !== 0n ? -1 : Number(this.out[a]);
  }

  private chunk(inputs: readonly FiguresInput[], from: number, to: number, results: (LiveFigures | FiguresRefusedError)[]): void {
    // Small calls (a monitor calls with one account per update) keep the market rows of the previous calls in
    // the kernel's tables: a row is reused only for the same decoded market, oracle objects and clock (spotRow,
    // perpRow). A large chunk, or tables half full, starts over with every row free, as a batch always did.
    let rows = this.rows;
    if (rows === undefined || to - from > SMALL_CALL || rows.perpCount > this.capM / 2 || rows.spotCount > this.capM / 2) {
      rows = this.rows = { perp: new Map(), spot: new Map(), perpCount: 0, spotCount: 0 };
    }
    const slot: number[] = []; // kernel account slot -> input index
    let p = 0;
    let s = 0;
    for (let i = from; i < to; i++) {
      const a = slot.length;
      const written = this.write(inputs[i]!, a, p, s, rows);
      if (written === undefined) {
        results[i] = this.reference(inputs[i]!);
        continue;
      }
      slot.push(i);
      p = written[0];
      s = written[1];
    }
    const n = slot.length;
    this.lastKernelCount = n;
    this.lastSlots = slot;
    if (n === 0) return;
    const capA = CHUNK;
    const capP = CHUNK * MAX_SLOTS;
    this.wasm.evaluateLive(n, this.acc.ptr, capA, this.perp.ptr, capP, this.pmkt.ptr, this.capM, this.spot.ptr, capP, this.smkt.ptr, this.capM, this.outPtr);
    const o = this.out;
    for (let a = 0; a < n; a++) {
      const i = slot[a]!;
      if (o[10 * capA + a] !== 0n) {
        results[i] = this.reference(inputs[i]!);
        continue;
      }
      this.stats.kernel++;
      const pStart = Number(this.acc.i64[4 * capA + a]);
      const pEnd = Number(this.acc.i64[5 * capA + a]);
      const positions: { marketIndex: number; liquidationPrice: bigint }[] = [];
      for (let q = pStart; q < pEnd; q++) positions.push({ marketIndex: this.perpIndex[q]!, liquidationPrice: o[OUT * capA + q]! });
      results[i] = {
        health: Number(o[a]),
        canBeLiquidated: o[capA + a] !== 0n,
        totalCollateralMaintenance: o[2 * capA + a]!,
        totalCollateralInitial: o[3 * capA + a]!,
        maintenanceMarginRequirement: o[4 * capA + a]!,
        initialMarginRequirement: o[5 * capA + a]!,
        freeCollateral: o[6 * capA + a]!,
        leverage: o[7 * capA + a]!,
        unrealizedPnl: o[8 * capA + a]!,
        unrealizedPnlNoFunding: o[9 * capA + a]!,
        perpPositions: positions,
      };
    }
  }

  /** Market index of each perp row written (for the output). */
  private readonly perpIndex: number[] = [];
  /** Scratch: each spot market's first slot in the account being written. */
  private readonly firstIndex: number[] = [];
  private readonly firstRow: number[] = [];

  private spotRow(raw: Any, oracle: Any, now: bigint, rows: Rows): SpotRow {
    const hit = rows.spot.get(raw);
    if (hit !== undefined && hit.oracle === oracle && hit.now === now) return hit;
    const live = this.cache.spotMarket(raw, oracle, now); // throws FiguresRefusedError
    let row = -1;
    if (spotMarketFits(live) && rows.spotCount < this.capM) {
      row = rows.spotCount++;
      const t = this.smkt;
      t.num(0, row, live.marketIndex);
      t.num(1, row, live.decimals);
      const cells = [live.oraclePrice, live.twap5Live, live.cumulativeDepositInterest, live.cumulativeBorrowInterest, live.scaledInitialAssetWeight, live.maintenanceAssetWeight, live.initialLiabilityWeight, live.maintenanceLiabilityWeight, live.imfFactor];
      cells.forEach((v, k) => t.big(2 + k, row, v));
      t.big(11, row, 10n ** BigInt(live.decimals));
      t.big(12, row, 10n ** BigInt(19 - live.decimals));
    }
    const entry: SpotRow = {
      row,
      oracle,
      now,
      live,
      deposit: Number(live.cumulativeDepositInterest),
      borrow: Number(live.cumulativeBorrowInterest),
      precision: 10 ** live.decimals,
      decrease: 10 ** (19 - live.decimals),
      maxPrice: Math.max(Number(live.oraclePrice), Number(live.twap5Live)),
    };
    rows.spot.set(raw, entry);
    return entry;
  }

  private perpRow(raw: Any, input: FiguresInput, now: bigint, rows: Rows): PerpRow {
    const oracle = input.oracles.perp.get(raw.marketIndex);
    const quoteIndex: number = raw.quoteSpotMarketIndex;
    const quoteOracle = input.oracles.spot.get(quoteIndex);
    const quoteRaw = lookup(input.spotMarkets, quoteIndex);
    const hit = rows.perp.get(raw);
    if (hit !== undefined && hit.oracle === oracle && hit.quoteOracle === quoteOracle && hit.quoteRaw === quoteRaw && hit.now === now) {
      if (hit.spots !== input.spotMarkets) sameOracleMarket(hit, input.spotMarkets); // consumed at once by the caller
      return hit;
    }
    if (quoteRaw === undefined) throw new FiguresRefusedError(`spot market ${quoteIndex}`, 'not supplied in spotMarkets');
    const quote = this.cache.spotMarket(quoteRaw, quoteOracle, now);
    const live = this.cache.perpMarket(raw, oracle, quote, quoteRaw);
    let row = -1;
    if (perpMarketFits(live, quote) && rows.perpCount < this.capM) {
      row = rows.perpCount++;
      const cells = [live.oraclePrice, live.mmOraclePrice, live.marginRatioInitial, live.marginRatioMaintenance, live.highLeverageMarginRatioInitial, live.highLeverageMarginRatioMaintenance, live.imfFactor, live.unrealizedPnlInitialAssetWeight, live.unrealizedPnlMaintenanceAssetWeight, live.unrealizedPnlImfFactor, live.cumulativeFundingRateLong, live.cumulativeFundingRateShort, quote.oraclePrice, quote.twap5Stored];
      cells.forEach((v, k) => this.pmkt.big(k, row, v));
    }
    const entry: PerpRow = {
      row,
      oracle,
      quoteOracle,
      quoteRaw,
      now,
      spots: undefined,
      live,
      sameOracle: -1,
      num: 1,
      den: 1,
      price: Number(live.oraclePrice),
      cumLong: Number(live.cumulativeFundingRateLong),
      cumShort: Number(live.cumulativeFundingRateShort),
    };
    sameOracleMarket(entry, input.spotMarkets);
    rows.perp.set(raw, entry);
    return entry;
  }

  /**
   * Write one account at kernel slot `a` with its positions from rows `p0`, `s0`; the next free rows, or
   * undefined when the account must go to the reference (outside the bounds, or a state the reference refuses).
   */
  private write(input: FiguresInput, a: number, p0: number, s0: number, rows: Rows): [number, number] | undefined {
    try {
      return this.writeAccount(input, a, p0, s0, rows);
    } catch (e) {
      if (e instanceof FiguresRefusedError) return undefined; // the reference gives the reason
      throw e;
    }
  }

  private writeAccount(input: FiguresInput, a: number, p0: number, s0: number, rows: Rows): [number, number] | undefined {
    const { user } = input;
    const now = typeof input.now === 'bigint' ? input.now : Number.isSafeInteger(input.now) ? BigInt(input.now) : undefined;
    if (now === undefined) return undefined;
    const acc = this.acc;
    const capA = CHUNK;
    const mode = MODES[variant(user.marginMode)];
    if (mode === undefined || !(user.maxMarginRatio <= B.ratio)) return undefined;
    let s = s0;
    const spotSlots: Any[] = user.spotPositions;
    const firstIndex = this.firstIndex;
    const firstRow = this.firstRow;
    let firsts = 0; // market index -> row of its first slot (-1: an empty first slot), as two short arrays
    for (let k = 0; k < spotSlots.length; k++) {
      const sp = spotSlots[k];
      const index: number = sp.marketIndex;
      const active = !isZero(sp.scaledBalance) || sp.openOrders !== 0;
      let known = false;
      for (let j = 0; j < firsts; j++) if (firstIndex[j] === index) known = true;
      if (!known) {
        firstIndex[firsts] = index;
        firstRow[firsts++] = active ? s : -1;
      }
      if (!active) continue;
      const raw = lookup(input.spotMarkets, index);
      if (raw === undefined) return undefined;
      const m = this.spotRow(raw, input.oracles.spot.get(index), now, rows);
      if (m.row < 0) return undefined;
      const borrow = 'borrow' in sp.balanceType;
      const token = (approx(sp.scaledBalance) * (borrow ? m.borrow : m.deposit)) / m.decrease;
      const size = token + Math.abs(approx(sp.openBids)) + Math.abs(approx(sp.openAsks));
      // (the size in AMM precision feeds the IMF square root only when the market has an IMF factor)
      const ammSize = m.live.imfFactor === 0n ? 0 : (size * 1e9) / m.precision;
      if (!(size <= B.token && ammSize <= B.ammSize && (size * m.maxPrice) / m.precision <= B.value)) return undefined;
      const t = this.spot;
      if (!putBN(t, 0, s, sp.scaledBalance)) return undefined;
      t.num(1, s, borrow ? 1 : 0);
      putBN(t, 2, s, sp.openBids);
      putBN(t, 3, s, sp.openAsks);
      t.num(4, s, sp.openOrders);
      t.num(5, s, m.row);
      s++;
    }
    let p = p0;
    let beingLiquidated = (user.status & 3) !== 0;
    for (const pp of user.perpPositions as Any[]) {
      const isolated = pp.isolatedPositionScaledBalance !== undefined && !isZero(pp.isolatedPositionScaledBalance);
      if (isZero(pp.baseAssetAmount) && isZero(pp.quoteAssetAmount) && pp.openOrders === 0 && !isolated) continue;
      const index: number = pp.marketIndex;
      if ((pp.positionFlag & 1) !== 0 || isolated) return undefined;
      for (let q = p0; q < p; q++) if (this.perpIndex[q] === index) return undefined; // two in one market: the reference refuses
      if ((pp.positionFlag & 6) !== 0) beingLiquidated = true;
      const raw = lookup(input.perpMarkets, index);
      if (raw === undefined) return undefined;
      const m = this.perpRow(raw, input, now, rows);
      if (m.row < 0) return undefined;
      const base = approx(pp.baseAssetAmount);
      const worst = Math.abs(base) + Math.max(Math.abs(approx(pp.openBids)), Math.abs(approx(pp.openAsks)));
      const cum = base > 0 ? m.cumLong : m.cumShort;
      if (!(worst <= B.base && (worst * m.price) / 1e9 <= B.notional && Math.abs(approx(pp.quoteAssetAmount)) <= B.quote && Math.abs(cum - approx(pp.lastCumulativeFundingRate)) * Math.abs(base) <= B.fundingProduct && pp.maxMarginRatio <= B.ratio)) {
        return undefined;
      }
      const t = this.perp;
      if (!(putBN(t, 0, p, pp.baseAssetAmount) && putBN(t, 1, p, pp.quoteAssetAmount) && putBN(t, 2, p, pp.lastCumulativeFundingRate))) return undefined;
      putBN(t, 3, p, pp.openBids);
      putBN(t, 4, p, pp.openAsks);
      t.num(5, p, pp.openOrders);
      t.num(6, p, pp.maxMarginRatio);
      t.num(7, p, m.row);
      let sameRow = -1;
      for (let j = 0; j < firsts; j++) if (firstIndex[j] === m.sameOracle) sameRow = firstRow[j]!;
      t.num(8, p, sameRow);
      t.num(9, p, m.num);
      t.num(10, p, m.den);
      this.perpIndex[p] = index;
      p++;
    }
    const buffer = beingLiquidated ? Number(input.state.liquidationMarginBufferRatio) : 0;
    if (!(buffer <= B.ratio)) return undefined;
    acc.num(0, a, user.status);
    acc.num(1, a, mode);
    acc.num(2, a, user.maxMarginRatio);
    acc.num(3, a, buffer);
    acc.num(4, a, p0);
    acc.num(5, a, p);
    acc.num(6, a, s0);
    acc.num(7, a, s);
    void capA;
    return [p, s];
  }
}
