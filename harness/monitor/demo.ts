/**
 * `dnh monitor --demo`: the local Drift world (harness/chain) with a scripted SOL price path, watched by
 * the real reader and monitor. The demo user is short SOL-PERP; the path rallies SOL from $150 to $194
 * and back, 15 s of chain time per step, so health crosses 50 (warning) and 20 (critical) within
 * seconds and recovers. Chain time drives the alert clock, so the 60 s cooldown is the chain's.
 *
 * @example
 *   const demo = await startDemo({ logger, runId });
 *   await demo.step(); // next price, warp, poll, snapshot
 */
import type { Logger } from 'pino';
import { DriftAccountReader } from '../../engine/drift/reader.js';
import { createWorldLoader } from '../chain/loader.js';
import { startWorld, type World } from '../chain/world.js';
import { Monitor } from './monitor.js';

/** SOL oracle prices of the scripted path, USD. */
export const DEMO_SOL_PATH: readonly number[] = [150, 160, 170, 178, 182, 184, 186, 188, 190, 191, 192, 193, 194, 192, 188, 184, 178, 170, 160, 150];
/** Chain seconds per step. */
export const DEMO_STEP_SECONDS = 15;

export interface Demo {
  world: World;
  reader: DriftAccountReader;
  monitor: Monitor;
  /** steps taken so far */
  steps(): number;
  /** move SOL to the path's next price (wrapping), warp the chain, poll: returns the snapshot */
  step(): Promise<ReturnType<Monitor['update']> | null>;
  close(): Promise<void>;
}

export async function startDemo(o: { logger: Logger; runId: string; path?: readonly number[]; stepSeconds?: number }): Promise<Demo> {
  const path = o.path ?? DEMO_SOL_PATH;
  const stepSeconds = o.stepSeconds ?? DEMO_STEP_SECONDS;
  const world = await startWorld();
  const loader = await createWorldLoader(world.connection);
  const demoUser = world.users.find((u) => u.spec.label === 'demo')!;
  const reader = await DriftAccountReader.open({
    connection: world.connection, authority: demoUser.authority.toBase58(), subAccountId: demoUser.spec.subAccountId, accountLoader: loader,
    ports: { sleep: (ms) => new Promise((r) => setTimeout(r, ms)), now: () => world.now().unixTs * 1000 },
    nowUnix: () => world.now().unixTs, programId: world.programId.toBase58(),
  });
  const monitor = new Monitor({ source: reader, clock: { now: () => world.now().unixTs * 1000 }, runId: o.runId, logger: o.logger, label: 'demo (local world)' });
  await monitor.poll();
  let k = 0;
  return {
    world, reader, monitor,
    steps: () => k,
    async step() {
      const usd = path[k % path.length]!;
      k++;
      await world.setOraclePrice(0, BigInt(Math.round(usd * 1e6)));
      await world.warp(stepSeconds);
      return monitor.poll();
    },
    async close() {
      await reader.close();
      await world.close();
    },
  };
}
