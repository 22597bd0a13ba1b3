/**
 * Account figures from the SDK's decoded Drift accounts: the one conversion seam from `@drift-labs/sdk`
 * objects (`BN` fields, enum variants as `{ name: {} }`, `PublicKey`s) to the engine's `bigint` types
 * (STYLE.md 17). It never imports the SDK: it reads the decoded objects structurally.
 *
 * `accountFigures(input)` returns, for one account, exactly what the SDK's `User` returns on the same
 * accounts, oracles and clock (docs/drift-figures.md lists each field's SDK call); a state outside the
 * math's coverage throws `FiguresRefusedError` with the reason. `accountFiguresBatch(inputs)` does the same
 * for many accounts through the WASM kernel (`figuresBatch.ts`); a refused account yields its error in place.
 *
 * @example
 *   const f = accountFigures({ user, perpMarkets, spotMarkets, state, oracles, now: 1_760_000_000 });
 *   f.health; f.canBeLiquidated; f.perpPositions[0].liquidationPrice;
 */
import { FiguresRefusedError, type LiveAccount, type LiveFigures, type LiveMarkets } from '../health/liveTypes.js';
import { liveFigures, liveProgramFreeCollateral } from '../health/liveMargin.js';
import { convertAccount, MarketCache } from './figuresConvert.js';

export { FiguresRefusedError };

// The SDK's account types are wide; the decoded objects are read structurally here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** A `BN` as the SDK's coder decodes it (bn.js): only what the conversion reads. */
export interface BNLike {
  negative: number;
  words: number[];
  length: number;
  toString(base?: number): string;
}

/** Decoded markets: a Map keyed by market index, or an array of accounts (each carries its `marketIndex`). */
export type MarketsInput = ReadonlyMap<number, Any> | readonly Any[];

export interface FiguresInput {
  /** the decoded `User` account (`User.getUserAccount()`; decode with the anchor coder, see docs/drift-figures.md) */
  user: Any;
  /** decoded `PerpMarket` accounts: at least every market the user has an active perp position in */
  perpMarkets: MarketsInput;
  /**
   * decoded `SpotMarket` accounts: every spot market the user holds, each perp market's quote market (0), and
   * any spot market sharing a perp market's oracle (the liquidation price adds its balance's delta); the
   * same-oracle lookup takes the first in the given order, like the SDK's `getSpotMarketAccounts()`
   */
  spotMarkets: MarketsInput;
  /** the decoded `State` account (`liquidationMarginBufferRatio` is read) */
  state: Any;
  oracles: {
    /** per perp market: the oracle price and the MM oracle price (`getMMOracleDataForPerpMarket`), 1e6 */
    perp: ReadonlyMap<number, { price: BNLike; mmPrice: BNLike }>;
    /** per spot market: the oracle price, 1e6 */
    spot: ReadonlyMap<number, { price: BNLike }>;
  };
  /** unix seconds (number or bigint): the clock the SDK reads in strict pricing (the live 5-minute TWAP) */
  now: number | bigint;
}

/** Every figure; amounts quote 1e6 (`bigint`), leverage 1e4, prices 1e6 (`-1n`: none). */
export type AccountFigures = LiveFigures;

/** Convert one input to the engine's types (throws `FiguresRefusedError` outside the covered states). */
export function toLive(input: FiguresInput, cache?: MarketCache): { account: LiveAccount; markets: LiveMarkets } {
  return convertAccount(input, cache ?? new MarketCache());
}

/** Every figure of one account, each equal to the SDK `User` call of the same name (docs/drift-figures.md). */
export function accountFigures(input: FiguresInput): AccountFigures {
  const { account, markets } = toLive(input);
  return liveFigures(account, markets);
}

/**
 * Free collateral as the on-chain program computes it for withdrawals, where it differs from the SDK's
 * `getFreeCollateral()` (docs/health-paper-strategy.md: the $100 cap on weighted positive PnL in the initial
 * margin, the PnL IMF discount sized on |pnl| x 1e3); never above `accountFigures(input).freeCollateral`.
 */
export function accountProgramFreeCollateral(input: FiguresInput): bigint {
  const { account, markets } = toLive(input);
  return liveProgramFreeCollateral(account, markets);
}

export { accountFiguresBatch, figuresKernel, type BatchFigures } from './figuresBatch.js';
