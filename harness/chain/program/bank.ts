/**
 * Starting solana-bankrun 0.3.1 (the SDK's own) with the Drift and mock-Pyth programs as executable
 * genesis accounts, and the pinned logical clock (DRIFT-BANKRUN.md, recipe steps 2-3 and "the start race").
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PublicKey } from '@solana/web3.js';
import type { ProgramTestContext } from 'solana-bankrun';
import type { ProgramBinaries } from './binaries.js';
import { PYTH_MOCK_PROGRAM_ID } from './pythMock.js';

export const DRIFT_PROGRAM_ID = new PublicKey('dRiftyHA39MWEi3m9aunc5MzRF1JYuBsbn6VPcn33UH');
const BPF_LOADER_2 = new PublicKey('BPFLoader2111111111111111111111111111111111');
/** 2024-01-01 00:00:00 UTC: on the hour, so Drift's hourly funding updates are due exactly on warps of 3600 s. */
export const WORLD_START_UNIX = 1_704_067_200n;
/** Lamports of each program account (genesis, fixed so the bank's state does not depend on the file size). */
const PROGRAM_LAMPORTS = 1_000_000_000_000;

export interface GenesisAccount {
  address: PublicKey;
  lamports: number;
  owner: PublicKey;
  data: Buffer;
  executable?: boolean;
}

let gcFn: (() => void) | null | undefined;
/**
 * A full GC right before `start()`: bankrun 0.3.1 crashes (SIGSEGV) or hangs in 11-21 of 40 starts soon
 * after process start without it, 0 of 70 with it. Uses `global.gc` when Node runs with `--expose-gc`,
 * else obtains the same function through V8's flag (no command-line change needed).
 */
export function collectGarbage(): void {
  if (gcFn === undefined) {
    const g = (globalThis as { gc?: () => void }).gc;
    if (typeof g === 'function') gcFn = g;
    else {
      try {
        setFlagsFromString('--expose-gc');
        gcFn = runInNewContext('gc') as () => void;
      } catch {
        gcFn = null;
      }
    }
  }
  gcFn?.();
}

/**
 * A bank with both programs loaded (or none: `bins` null gives the account-only bank, which still has
 * the SPL Token and Associated Token programs), `extra` genesis accounts, and the clock pinned at `startUnix`.
 */
export async function startBank(bins: ProgramBinaries | null, extra: GenesisAccount[], startUnix = WORLD_START_UNIX): Promise<ProgramTestContext> {
  process.env.RUST_LOG ??= 'error'; // bankrun logs every instruction at debug level otherwise
  const { start, Clock } = await import('solana-bankrun');
  const program = (address: PublicKey, data: Buffer) => ({ address, info: { executable: true, owner: BPF_LOADER_2, lamports: PROGRAM_LAMPORTS, data } });
  const accounts = [
    ...(bins ? [program(DRIFT_PROGRAM_ID, bins.drift), program(PYTH_MOCK_PROGRAM_ID, bins.pyth)] : []),
    ...extra.map((a) => ({ address: a.address, info: { executable: a.executable ?? false, owner: a.owner, lamports: a.lamports, data: a.data } })),
  ];
  collectGarbage();
  const context = await start([], accounts);
  const clock = await context.banksClient.getClock();
  context.setClock(new Clock(clock.slot, clock.epochStartTimestamp, clock.epoch, clock.leaderScheduleEpoch, startUnix));
  return context;
}

/**
 * The logical clock of a bank. bankrun recomputes the clock from the wall clock on every slot warp, so
 * the pinned unix time is kept here and written back with `setClock` after every warp (DRIFT-BANKRUN.md
 * recipe step 3): the same steps give the same times on every run, at any hour of the day.
 */
export class PinnedClock {
  constructor(public unix: bigint) {}
}

/** Moves the bank `slots` slots and the pinned clock `seconds` seconds forward, then pins the clock. */
export async function advanceBank(context: ProgramTestContext, clock: PinnedClock, slots: bigint, seconds: bigint): Promise<void> {
  if (slots <= 0n || seconds < 0n) throw new RangeError(`advance needs slots > 0 and seconds >= 0, got ${slots}, ${seconds}`);
  const { Clock } = await import('solana-bankrun');
  context.warpToSlot((await context.banksClient.getSlot()) + slots);
  const c = await context.banksClient.getClock();
  clock.unix += seconds;
  context.setClock(new Clock(c.slot, c.epochStartTimestamp, c.epoch, c.leaderScheduleEpoch, clock.unix));
}

/**
 * Logical time forward by `seconds` and `seconds * slotsPerSecond` slots (never the wall clock). Funding
 * is due on the hour, so a world started on the hour keeps it due after warps of whole hours.
 */
export async function warpBank(context: ProgramTestContext, clock: PinnedClock, seconds: number, slotsPerSecond = 2): Promise<void> {
  if (!Number.isInteger(seconds) || seconds <= 0) throw new RangeError(`warp seconds must be a positive integer, got ${seconds}`);
  await advanceBank(context, clock, BigInt(seconds * slotsPerSecond), BigInt(seconds));
}
