/**
 * What the reader hands out per poll: the account's figures (figures.ts) plus its positions and spot
 * balances in the SDK's own terms (sizes, entry prices and token amounts from the SDK's functions), in
 * Drift's integer precisions as `bigint`: prices and quote 1e6, perp base 1e9, spot token amounts in the
 * market's own decimals.
 */
import type { DriftAddresses } from './addresses.js';
import type { AccountFigures } from './figures.js';

type Sdk = typeof import('@drift-labs/sdk');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export type { AccountFigures };

export interface PerpPositionView {
  marketIndex: number;
  market: string;
  /** signed, 1e9 (negative = short) */
  baseAssetAmount: bigint;
  /** 1e6 */
  quoteAssetAmount: bigint;
  /** 1e6, the SDK's calculateEntryPrice */
  entryPrice: bigint;
  /** oracle price, 1e6 */
  oraclePrice: bigint;
  /** 1e6; -1 when the SDK finds none */
  liquidationPrice: bigint;
  openOrders: number;
  /** 1e9 */
  openBids: bigint;
  openAsks: bigint;
}

export interface SpotBalanceView {
  marketIndex: number;
  market: string;
  decimals: number;
  /** signed token amount in the market's decimals (negative = borrow) */
  tokenAmount: bigint;
  /** 1e6 */
  oraclePrice: bigint;
  openOrders: number;
}

export interface DriftAccountView {
  programId: string;
  authority: string;
  subAccountId: number;
  user: string;
  userStats: string;
  /** unix seconds the figures were computed for */
  now: number;
  figures: AccountFigures;
  perpPositions: PerpPositionView[];
  spotBalances: SpotBalanceView[];
}

/** What the view reads of the figures' input (the same object `accountFigures` gets). */
export interface FiguresInputs {
  user: Any;
  perpMarkets: readonly Any[] | ReadonlyMap<number, Any>;
  spotMarkets: readonly Any[] | ReadonlyMap<number, Any>;
  oracles: { perp: ReadonlyMap<number, { price: Any }>; spot: ReadonlyMap<number, { price: Any }> };
}

const big = (x: Any): bigint => BigInt(x.toString());

export function buildView(sdk: Sdk, a: DriftAddresses, input: FiguresInputs & { now: number | bigint }, figures: AccountFigures): DriftAccountView {
  const now = input.now;
  const liq = new Map(figures.perpPositions.map((p: { marketIndex: number; liquidationPrice: bigint }) => [p.marketIndex, p.liquidationPrice]));
  const byIndex = (ms: readonly Any[] | ReadonlyMap<number, Any>): Map<number, Any> => new Map([...(Array.isArray(ms) ? ms : [...(ms as ReadonlyMap<number, Any>).values()])].map((m: Any) => [m.marketIndex as number, m]));
  const perpMarket = byIndex(input.perpMarkets);
  const spotMarket = byIndex(input.spotMarkets);
  const perpPositions: PerpPositionView[] = input.user.perpPositions
    .filter((p: Any) => !sdk.positionIsAvailable(p))
    .map((p: Any) => ({
      marketIndex: p.marketIndex,
      market: sdk.decodeName(perpMarket.get(p.marketIndex).name),
      baseAssetAmount: big(p.baseAssetAmount),
      quoteAssetAmount: big(p.quoteAssetAmount),
      entryPrice: big(sdk.calculateEntryPrice(p)),
      oraclePrice: big(input.oracles.perp.get(p.marketIndex)!.price),
      liquidationPrice: liq.get(p.marketIndex) ?? -1n,
      openOrders: p.openOrders,
      openBids: big(p.openBids),
      openAsks: big(p.openAsks),
    }))
    .sort((x: PerpPositionView, y: PerpPositionView) => x.marketIndex - y.marketIndex);
  const spotBalances: SpotBalanceView[] = input.user.spotPositions
    .filter((s: Any) => !sdk.isSpotPositionAvailable(s))
    .map((s: Any) => {
      const m = spotMarket.get(s.marketIndex);
      const amount = sdk.getSignedTokenAmount(sdk.getTokenAmount(s.scaledBalance, m, s.balanceType), s.balanceType);
      return {
        marketIndex: s.marketIndex, market: sdk.decodeName(m.name), decimals: m.decimals, tokenAmount: big(amount),
        oraclePrice: big(input.oracles.spot.get(s.marketIndex)!.price), openOrders: s.openOrders,
      };
    })
    .sort((x: SpotBalanceView, y: SpotBalanceView) => x.marketIndex - y.marketIndex);
  return {
    programId: a.programId, authority: a.authority, subAccountId: a.subAccountId, user: a.user, userStats: a.userStats,
    now: Number(now), figures, perpPositions, spotBalances,
  };
}
