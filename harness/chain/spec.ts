/**
 * What the local Drift world holds, as plain data in Drift's integer precisions: the nine perp markets
 * (SOL, BTC, ETH, APT, 1MBONK, POL, ARB, DOGE, BNB at indices 0-8, mainnet-like margin ratios), the USDC
 * and SOL spot markets, and users with spot deposits and borrows, perp positions and open orders.
 * Prices 1e6, base 1e9, quote 1e6, margin ratios and weights 1e4, spot scaled balances 1e9.
 */

export interface PerpSpec {
  marketIndex: number;
  name: string;
  /** oracle price at start, 1e6 */
  price: bigint;
  marginRatioInitial: number;
  marginRatioMaintenance: number;
  imfFactor: number;
  contractTier: 'a' | 'b' | 'c' | 'speculative';
  /** MM oracle price offset in bp at start (0 = no MM oracle) */
  mmOffsetBps: number;
}

export const PERP_SPECS: readonly PerpSpec[] = [
  { marketIndex: 0, name: 'SOL-PERP', price: 150_000_000n, marginRatioInitial: 1000, marginRatioMaintenance: 500, imfFactor: 450, contractTier: 'a', mmOffsetBps: 20 },
  { marketIndex: 1, name: 'BTC-PERP', price: 60_000_000_000n, marginRatioInitial: 1000, marginRatioMaintenance: 500, imfFactor: 450, contractTier: 'a', mmOffsetBps: 0 },
  { marketIndex: 2, name: 'ETH-PERP', price: 3_000_000_000n, marginRatioInitial: 1000, marginRatioMaintenance: 500, imfFactor: 450, contractTier: 'a', mmOffsetBps: -15 },
  { marketIndex: 3, name: 'APT-PERP', price: 8_000_000n, marginRatioInitial: 2000, marginRatioMaintenance: 1000, imfFactor: 0, contractTier: 'c', mmOffsetBps: 0 },
  { marketIndex: 4, name: '1MBONK-PERP', price: 20_000_000n, marginRatioInitial: 2000, marginRatioMaintenance: 1000, imfFactor: 0, contractTier: 'c', mmOffsetBps: 0 },
  { marketIndex: 5, name: 'POL-PERP', price: 500_000n, marginRatioInitial: 2000, marginRatioMaintenance: 1000, imfFactor: 0, contractTier: 'c', mmOffsetBps: 0 },
  { marketIndex: 6, name: 'ARB-PERP', price: 800_000n, marginRatioInitial: 2000, marginRatioMaintenance: 1000, imfFactor: 0, contractTier: 'c', mmOffsetBps: 0 },
  { marketIndex: 7, name: 'DOGE-PERP', price: 150_000n, marginRatioInitial: 2000, marginRatioMaintenance: 1000, imfFactor: 0, contractTier: 'c', mmOffsetBps: 0 },
  { marketIndex: 8, name: 'BNB-PERP', price: 600_000_000n, marginRatioInitial: 1000, marginRatioMaintenance: 500, imfFactor: 0, contractTier: 'b', mmOffsetBps: 0 },
];

export interface SpotSpec {
  marketIndex: number;
  name: string;
  decimals: number;
  /** the perp market whose oracle this spot market shares (null = USDC, QUOTE_ASSET) */
  oracleOfPerp: number | null;
  initialAssetWeight: number;
  maintenanceAssetWeight: number;
  initialLiabilityWeight: number;
  maintenanceLiabilityWeight: number;
  imfFactor: number;
  /** cumulative interest 1e10 */
  cumulativeDepositInterest: bigint;
  cumulativeBorrowInterest: bigint;
}

export const SPOT_SPECS: readonly SpotSpec[] = [
  { marketIndex: 0, name: 'USDC', decimals: 6, oracleOfPerp: null, initialAssetWeight: 10_000, maintenanceAssetWeight: 10_000, initialLiabilityWeight: 10_000, maintenanceLiabilityWeight: 10_000, imfFactor: 0, cumulativeDepositInterest: 10_120_000_000n, cumulativeBorrowInterest: 10_350_000_000n },
  { marketIndex: 1, name: 'SOL', decimals: 9, oracleOfPerp: 0, initialAssetWeight: 8_000, maintenanceAssetWeight: 9_000, initialLiabilityWeight: 12_000, maintenanceLiabilityWeight: 11_000, imfFactor: 1_000, cumulativeDepositInterest: 10_050_000_000n, cumulativeBorrowInterest: 10_200_000_000n },
];

export interface PerpPositionSpec {
  marketIndex: number;
  /** signed base 1e9 */
  base: bigint;
  /** entry price 1e6 (quoteAssetAmount = -base * entry) */
  entry: bigint;
}

export interface OrderSpec {
  marketIndex: number;
  direction: 'long' | 'short';
  /** base 1e9 */
  base: bigint;
  /** limit price 1e6 */
  price: bigint;
}

export interface SpotBalanceSpec {
  marketIndex: number;
  /** token amount in the market's decimals; negative = borrow */
  amount: bigint;
}

export interface UserSpec {
  /** 32-byte seed of the authority's keypair (the world never signs with it) */
  seed: number;
  subAccountId: number;
  label: string;
  spot: SpotBalanceSpec[];
  perp: PerpPositionSpec[];
  orders: OrderSpec[];
}

/**
 * The users. `demo` is the one the demo watches: short SOL-PERP against USDC and a little SOL, with
 * positions in every other market and an open order; a SOL rally takes its health through 50 and 20.
 */
export const USER_SPECS: readonly UserSpec[] = [
  {
    seed: 1, subAccountId: 0, label: 'demo',
    spot: [{ marketIndex: 0, amount: 2_000_000_000n }, { marketIndex: 1, amount: 2_000_000_000n }],
    perp: [
      { marketIndex: 0, base: -40_000_000_000n, entry: 150_000_000n },
      { marketIndex: 1, base: 10_000_000n, entry: 59_000_000_000n },
      { marketIndex: 2, base: -200_000_000n, entry: 3_050_000_000n },
      { marketIndex: 3, base: 50_000_000_000n, entry: 8_100_000n },
      { marketIndex: 4, base: -10_000_000_000n, entry: 19_500_000n },
      { marketIndex: 5, base: 400_000_000_000n, entry: 510_000n },
      { marketIndex: 6, base: -300_000_000_000n, entry: 790_000n },
      { marketIndex: 7, base: 1_000_000_000_000n, entry: 149_000n },
    ],
    orders: [{ marketIndex: 0, direction: 'short', base: 2_000_000_000n, price: 160_000_000n }],
  },
  {
    seed: 2, subAccountId: 0, label: 'borrower',
    spot: [{ marketIndex: 1, amount: 30_000_000_000n }, { marketIndex: 0, amount: -1_500_000_000n }],
    perp: [
      { marketIndex: 8, base: 3_000_000_000n, entry: 590_000_000n },
      { marketIndex: 0, base: 5_000_000_000n, entry: 148_000_000n },
    ],
    orders: [
      { marketIndex: 8, direction: 'short', base: 6_000_000_000n, price: 640_000_000n },
      { marketIndex: 0, direction: 'long', base: 1_000_000_000n, price: 140_000_000n },
    ],
  },
  {
    seed: 1, subAccountId: 1, label: 'demo-sub1',
    spot: [{ marketIndex: 0, amount: 500_000_000n }],
    perp: [{ marketIndex: 2, base: 300_000_000n, entry: 2_900_000_000n }],
    orders: [],
  },
];
