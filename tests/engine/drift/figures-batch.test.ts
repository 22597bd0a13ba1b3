/**
 * Proves `accountFiguresBatch` (the WASM kernel, with per-account fallback to the BigInt reference) equals
 * `accountFigures` field by field on seeded random live accounts built with the SDK's coder, including
 * oversized accounts (balances and positions scaled up to 1e9x, beyond the kernel's bounds or its i64
 * quotients) and refused ones (an isolated position): each account gets its own result, none fails the batch,
 * and the kernel really evaluates the ordinary accounts (not the fallback).
 */
import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountFigures, accountFiguresBatch, accountProgramFreeCollateral, figuresKernel, FiguresRefusedError, type FiguresInput } from '../../../engine/drift/figures.js';
import { show, single } from '../../helpers/figures.js';
import { LiveAccountFactory, randomLiveInput } from '../../../engine/health/liveRandom.js';

const SEED = 'figures-batch-1';

describe('accountFiguresBatch = accountFigures', () => {
  let factory: LiveAccountFactory;
  let inputs: FiguresInput[];
  const tieTotals = (input: FiguresInput) => {
    const f = accountFigures(input);
    return { tc: f.totalCollateralMaintenance, mr: f.maintenanceMarginRequirement };
  };
  beforeAll(async () => {
    factory = await LiveAccountFactory.create();
    const rng = seedrandom(SEED);
    inputs = [];
    for (let w = 0; w < 60; w++) {
      const world = await factory.world(rng, w % 5 === 4);
      for (let k = 0; k < 10; k++) inputs.push(await randomLiveInput(factory, rng, world, tieTotals));
    }
  });

  it('on 600 random accounts, mostly through the kernel', () => {
    const batch = accountFiguresBatch(inputs);
    const mismatches = inputs.map((input, i) => (show(batch[i]!) === show(single(input)) ? '' : `#${i}\n batch  ${show(batch[i]!)}\n single ${show(single(input))}`)).filter((m) => m !== '');
    if (mismatches.length > 0) console.error(`${mismatches.length} mismatches\n${mismatches.slice(0, 3).join('\n')}`);
    expect(mismatches.length).toBe(0);
    const { kernel, reference, refused } = figuresKernel().stats;
    console.log(`kernel ${kernel}, reference ${reference}, refused ${refused}`);
    expect(kernel).toBeGreaterThan(inputs.length * 0.97);
    expect(kernel + reference + refused).toBe(inputs.length);
  });

  it('on oversized accounts (x1e2..x1e9) and a refused one, each account its own result', async () => {
    const rng = seedrandom(`${SEED}-whales`);
    const scale = (x: any, k: bigint): any => factory.bn(BigInt(x.toString()) * k);
    const fits = (x: any, bits: number): boolean => {
      const v = BigInt(x.toString());
      return v < 2n ** BigInt(bits - 1) && v >= -(2n ** BigInt(bits - 1));
    };
    const whales: FiguresInput[] = [];
    for (const input of inputs.slice(0, 300)) {
      const k = 10n ** BigInt(2 + Math.floor(rng() * 8));
      const user = await factory.roundTrip('User', (u) => {
        Object.assign(u, input.user);
        u.spotPositions = input.user.spotPositions.map((s: any) => ({ ...s, scaledBalance: fits(BigInt(s.scaledBalance.toString()) * k, 64) ? scale(s.scaledBalance, k) : s.scaledBalance }));
        u.perpPositions = input.user.perpPositions.map((p: any) => {
          const bigger = { ...p, baseAssetAmount: scale(p.baseAssetAmount, k), quoteAssetAmount: scale(p.quoteAssetAmount, k), openBids: scale(p.openBids, k), openAsks: scale(p.openAsks, k) };
          return ['baseAssetAmount', 'quoteAssetAmount', 'openBids', 'openAsks'].every((f) => fits(bigger[f], 64)) ? bigger : p;
        });
      });
      whales.push({ ...input, user });
    }
    const isolated = await factory.roundTrip('User', (u) => {
      Object.assign(u, inputs[1]!.user);
      u.perpPositions = inputs[1]!.user.perpPositions.map((p: any, j: number) => (j === 0 ? { ...p, baseAssetAmount: factory.bn(1_000_000_000n), positionFlag: 1 } : p));
    });
    const mixed = [...whales.slice(0, 150), { ...inputs[1]!, user: isolated }, ...inputs.slice(0, 50), ...whales.slice(150)];
    const batch = accountFiguresBatch(mixed);
    const { kernel, reference, refused } = figuresKernel().stats;
    console.log(`whales: kernel ${kernel}, reference ${reference}, refused ${refused}`);
    const mismatches = mixed.map((input, i) => (show(batch[i]!) === show(single(input)) ? '' : `#${i}\n batch  ${show(batch[i]!)}\n single ${show(single(input))}`)).filter((m) => m !== '');
    if (mismatches.length > 0) console.error(`${mismatches.length} mismatches\n${mismatches.slice(0, 3).join('\n')}`);
    expect(mismatches.length).toBe(0);
    expect(batch[150]).toBeInstanceOf(FiguresRefusedError);
    expect((batch[150] as FiguresRefusedError).reason).toMatch(/isolated/);
    expect(reference).toBeGreaterThan(20); // whales beyond the kernel's bounds or flagged by it
    expect(kernel).toBeGreaterThan(100);
  });

  it('keeps the program free collateral beside the SDK one: never above it, below it when positive PnL exceeds $100', () => {
    let below = 0;
    for (const input of inputs) {
      const sdk = accountFigures(input).freeCollateral;
      const program = accountProgramFreeCollateral(input);
      expect(program <= sdk).toBe(true);
      if (program < sdk) below++;
    }
    expect(below).toBeGreaterThan(20);
  });
});
