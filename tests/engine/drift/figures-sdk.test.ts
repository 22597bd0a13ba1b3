/**
 * Proves `accountFigures` equals `@drift-labs/sdk` 2.156.0's `User` methods, every field exactly, on seeded
 * random live accounts built with the SDK's coder (engine/health/liveRandom.ts), and that the sample really
 * covers each feature of issue 10 point 1 (spot borrows, open orders flipping the worst-case side, status
 * bits, high-leverage mode, the quote TWAP off $1, the MM oracle, exact ties of health and canBeLiquidated).
 */
import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountFigures, accountFiguresBatch, figuresKernel, FiguresRefusedError, toLive, type FiguresInput } from '../../../engine/drift/figures.js';
import { liveMarginTotals, worstCasePerp } from '../../../engine/health/liveMargin.js';
import { LiveAccountFactory, randomLiveInput } from '../../../engine/health/liveRandom.js';
import { SdkLiveOracle } from '../../../engine/health/sdkLiveOracle.js';
import type { LiveFigures } from '../../../engine/health/liveTypes.js';

const SEED = process.env.FIGURES_SEED ?? 'figures-sdk-xcheck-1';
const WORLDS = Number(process.env.FIGURES_WORLDS ?? 250);
const PER_WORLD = 9;

const show = (r: LiveFigures): string => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? v.toString() : v));

/** Least number of accounts (or positions) in the sample showing each feature. */
const MINIMUM: Record<string, number> = {
  quoteBorrow: 50,
  spotBorrow: 200,
  spotOpenOrders: 200,
  perpOrdersFlipSide: 100,
  orderOnlyPosition: 20,
  statusBits: 200,
  healthZeroByStatus: 50,
  bufferChangesCanBeLiquidated: 3,
  highLeverage: 150,
  highLeverageMaintenance: 150,
  quoteTwapOffDollar: 300,
  quoteOracleOffDollar: 300,
  quoteTwapOffOracleExactlyOne: 200,
  mmOracleOff: 300,
  pnlImbalanceHaircut: 50,
  scaledInitialAssetWeight: 100,
  sameOracleSpotDelta: 50,
  tieCollateralEqualsRequirement: 10,
  tieCollateralOneBelow: 10,
  tieHealth50: 10,
  canBeLiquidated: 100,
  notLiquidatable: 500,
  health0: 100,
  health100: 100,
  healthBetween: 500,
  finiteLiquidationPrice: 1000,
};

function tally(seen: Record<string, number>, input: FiguresInput, f: LiveFigures): void {
  const add = (k: string, yes: boolean): void => {
    if (yes) seen[k] = (seen[k] ?? 0) + 1;
  };
  const { account, markets } = toLive(input);
  const active = account.spot.filter((p) => p.scaledBalance !== 0n || p.openOrders !== 0);
  add('quoteBorrow', active.some((p) => p.marketIndex === 0 && p.isBorrow));
  add('spotBorrow', active.some((p) => p.marketIndex !== 0 && p.isBorrow));
  add('spotOpenOrders', active.some((p) => p.openOrders > 0));
  for (const p of account.perp) {
    const worst = worstCasePerp(p, markets.perp.get(p.marketIndex)!.oraclePrice, true).base;
    add('perpOrdersFlipSide', p.baseAssetAmount !== 0n && (worst > 0n) !== (p.baseAssetAmount > 0n) && worst !== 0n);
    add('orderOnlyPosition', p.baseAssetAmount === 0n && p.quoteAssetAmount === 0n);
    const m = markets.perp.get(p.marketIndex)!;
    add('mmOracleOff', p.baseAssetAmount !== 0n && m.mmOraclePrice !== m.oraclePrice);
    add('pnlImbalanceHaircut', m.unrealizedPnlInitialAssetWeight < BigInt((input.perpMarkets as any[])[p.marketIndex].unrealizedPnlInitialAssetWeight));
    add('finiteLiquidationPrice', f.perpPositions.some((q) => q.marketIndex === p.marketIndex && q.liquidationPrice > 0n));
    const held = account.spot.find((s) => s.marketIndex === (p.marketIndex === 0 ? 1 : p.marketIndex === 4 ? 3 : -1));
    add('sameOracleSpotDelta', p.baseAssetAmount !== 0n && held !== undefined && held.scaledBalance !== 0n);
  }
  add('statusBits', account.status !== 0);
  add('healthZeroByStatus', (account.status & 3) !== 0);
  if (account.liquidationBuffer > 0n) {
    const plain = liveMarginTotals(account, markets, { category: 'Maintenance', strict: false, includeOpenOrders: true, buffer: 0n });
    add('bufferChangesCanBeLiquidated', (plain.totalCollateral < plain.marginRequirement) !== f.canBeLiquidated);
  }
  add('highLeverage', account.marginMode === 'highLeverage' && account.perp.length > 0);
  add('highLeverageMaintenance', account.marginMode === 'highLeverageMaintenance' && account.perp.length > 0);
  const quote = markets.spot.get(0);
  add('quoteTwapOffDollar', quote !== undefined && quote.twap5Stored !== 1_000_000n && account.perp.length > 0);
  add('quoteOracleOffDollar', quote !== undefined && quote.oraclePrice !== 1_000_000n);
  add('quoteTwapOffOracleExactlyOne', quote !== undefined && quote.oraclePrice === 1_000_000n && quote.twap5Stored !== 1_000_000n && account.perp.length > 0);
  add('scaledInitialAssetWeight', active.some((p) => {
    const m = markets.spot.get(p.marketIndex)!;
    return BigInt((input.spotMarkets as any[])[p.marketIndex].initialAssetWeight) > m.scaledInitialAssetWeight;
  }));
  const tc = f.totalCollateralMaintenance;
  const mr = f.maintenanceMarginRequirement;
  add('tieCollateralEqualsRequirement', mr > 0n && tc === mr);
  add('tieCollateralOneBelow', mr > 0n && tc === mr - 1n);
  add('tieHealth50', mr > 0n && tc === 2n * mr);
  add('canBeLiquidated', f.canBeLiquidated);
  add('notLiquidatable', !f.canBeLiquidated);
  add('health0', f.health === 0);
  add('health100', f.health === 100);
  add('healthBetween', f.health > 0 && f.health < 100);
}

describe('accountFigures vs @drift-labs/sdk User', () => {
  let factory: LiveAccountFactory;
  let judge: SdkLiveOracle;
  beforeAll(async () => {
    factory = await LiveAccountFactory.create();
    judge = await SdkLiveOracle.create();
  });

  it(`equals the SDK on ${WORLDS * PER_WORLD} random accounts (seed ${SEED})`, async () => {
    console.log(`seed ${SEED} (replay: FIGURES_SEED=${SEED} npx vitest run tests/engine/drift/figures-sdk.test.ts)`);
    const rng = seedrandom(SEED);
    const mismatches: string[] = [];
    let refused = 0;
    const seen: Record<string, number> = {};
    const inputs: FiguresInput[] = [];
    const tieTotals = (input: FiguresInput) => {
      const f = accountFigures(input);
      return { tc: f.totalCollateralMaintenance, mr: f.maintenanceMarginRequirement };
    };
    for (let w = 0; w < WORLDS; w++) {
      const world = await factory.world(rng, w % 5 === 4);
      for (let k = 0; k < PER_WORLD; k++) inputs.push(await randomLiveInput(factory, rng, world, tieTotals));
    }
    for (const [i, input] of inputs.entries()) {
      let ours: LiveFigures;
      try {
        ours = accountFigures(input);
      } catch (e) {
        if (!(e instanceof FiguresRefusedError)) throw e;
        refused++;
        continue;
      }
      const sdk = judge.evaluate(input);
      if (show(sdk) !== show(ours)) mismatches.push(`#${i}\n sdk  ${show(sdk)}\n ours ${show(ours)}`);
      tally(seen, input, ours);
    }
    console.log('coverage', JSON.stringify(seen));
    // the WASM batch on the same accounts: every field equal to the single-account reference (and so to the SDK)
    const batch = accountFiguresBatch(inputs);
    let batchMismatches = 0;
    inputs.forEach((input, i) => {
      const b = batch[i]!;
      let single: string;
      try {
        single = show(accountFigures(input));
      } catch (e) {
        single = String(e);
      }
      if ((b instanceof FiguresRefusedError ? String(b) : show(b)) !== single) batchMismatches++;
    });
    console.log('batch', JSON.stringify(figuresKernel().stats));
    expect(batchMismatches).toBe(0);
    expect(figuresKernel().stats.kernel).toBeGreaterThan(inputs.length * 0.95);
    if (mismatches.length > 0) console.error(`seed ${SEED}: ${mismatches.length} mismatches\n${mismatches.slice(0, 4).join('\n')}`);
    console.log(`refused ${refused}`);
    expect(mismatches.length).toBe(0);
    expect(inputs.length).toBeGreaterThanOrEqual(2000);
    expect(refused).toBeLessThan(inputs.length / 100);
    // the sample covers every feature it claims to (each count could be 0 if the generator lost a feature)
    for (const [feature, least] of Object.entries(MINIMUM)) expect(seen[feature] ?? 0, feature).toBeGreaterThanOrEqual(least);
  });
});
