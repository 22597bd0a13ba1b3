/**
 * An independent SDK `User` on a local world, for cross-checks: its own DriftClient and loader, told every
 * market of the world up front (not the reader's market discovery), and the SDK's own calls for each
 * figure. `Date` must be pinned to the world's clock by the caller (the SDK reads it in strict pricing).
 */
import type { LiveFigures } from '../../../engine/health/liveTypes.js';
import type { World } from '../../../harness/chain/world.js';
import { createWorldLoader } from '../../../harness/chain/loader.js';
import { PERP_SPECS, SPOT_SPECS } from '../../../harness/chain/spec.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** The SDK's figures, in the shape `accountFigures` returns (so the two compare field by field). */
export type SdkFigures = LiveFigures;

export async function sdkClient(world: World): Promise<{ driftClient: Any; loader: Any; userFor(address: Any): Promise<Any> }> {
  const sdk = await import('@drift-labs/sdk');
  const { Keypair } = await import('@solana/web3.js');
  const loader = await createWorldLoader(world.connection);
  const oracleInfos = [
    ...PERP_SPECS.map((p) => ({ publicKey: world.built.oracles[p.marketIndex]!, source: sdk.OracleSource.Prelaunch })),
  ];
  const driftClient: Any = new sdk.DriftClient({
    connection: world.connection, wallet: new sdk.Wallet(Keypair.fromSeed(new Uint8Array(32).fill(99))), programID: world.programId,
    accountSubscription: { type: 'polling', accountLoader: loader },
    perpMarketIndexes: PERP_SPECS.map((p) => p.marketIndex), spotMarketIndexes: SPOT_SPECS.map((s) => s.marketIndex), oracleInfos, skipLoadUsers: true,
  });
  if (!(await driftClient.subscribe())) throw new Error('SDK DriftClient did not subscribe');
  return {
    driftClient, loader,
    async userFor(address: Any) {
      const user = new sdk.User({ driftClient, userAccountPublicKey: address, accountSubscription: { type: 'polling', accountLoader: loader } });
      await user.subscribe();
      return user;
    },
  };
}

const big = (x: Any): bigint => BigInt(x.toString());

export function sdkFigures(user: Any, perpMarketIndexes: number[]): SdkFigures {
  return {
    health: user.getHealth(),
    canBeLiquidated: user.canBeLiquidated().canBeLiquidated,
    totalCollateralMaintenance: big(user.getTotalCollateral('Maintenance')),
    totalCollateralInitial: big(user.getTotalCollateral()),
    maintenanceMarginRequirement: big(user.getMaintenanceMarginRequirement()),
    initialMarginRequirement: big(user.getInitialMarginRequirement()),
    freeCollateral: big(user.getFreeCollateral()),
    leverage: big(user.getLeverage()),
    unrealizedPnl: big(user.getUnrealizedPNL(true)),
    unrealizedPnlNoFunding: big(user.getUnrealizedPNL(false)),
    perpPositions: perpMarketIndexes.map((i) => ({ marketIndex: i, liquidationPrice: big(user.liquidationPrice(i)) })),
  };
}
