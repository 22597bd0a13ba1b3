/**
 * A local Drift world: the accounts of build.ts set as genesis accounts into an in-process solana-bankrun
 * 0.3.1 bank (no program binary: nothing executes, the SDK only reads), served through the SDK's
 * `BankrunConnection`. The clock is pinned (2024-01-01 00:00 UTC, slot 100 by default) and moves only
 * by `warp`; oracles move by `setOraclePrice`, which rewrites the oracle account's data and keeps its
 * lamports (minting lamports with `setAccount` followed by a warp aborts the process: DRIFT-BANKRUN.md).
 *
 * `start()` of bankrun 0.3.1 races the process start (SIGSEGV or hang) unless a full GC runs right before
 * it; `startWorld` forces one (through `--expose-gc` when given, else by exposing it at run time).
 *
 * @example
 *   const world = await startWorld();
 *   await world.setOraclePrice(0, 170_000_000n);
 *   await world.warp(60);
 *   await world.close();
 */
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import type { Connection, PublicKey } from '@solana/web3.js';
import { WorldCoder } from './accounts.js';
import { buildWorldAccounts, type BuiltWorld, type WorldUser } from './build.js';
import { PERP_SPECS } from './spec.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** 2024-01-01 00:00:00 UTC: on the hour, as Drift's funding wants (DRIFT-BANKRUN.md). */
export const WORLD_START_UNIX = 1_704_067_200;
export const WORLD_START_SLOT = 100n;
/** Lamports of every world account (set once at genesis, never changed). */
const ACCOUNT_LAMPORTS = 1_000_000_000;

let gcFn: (() => void) | undefined;
/** A full GC, from `--expose-gc` or exposed at run time (V8 flag + a fresh context's `gc`). */
export function fullGc(): void {
  if (gcFn === undefined) {
    const g = (globalThis as Any).gc;
    if (typeof g === 'function') gcFn = g;
    else {
      setFlagsFromString('--expose-gc');
      gcFn = runInNewContext('gc') as () => void;
    }
  }
  gcFn!();
}

export interface World {
  programId: PublicKey;
  users: WorldUser[];
  built: BuiltWorld;
  /** the SDK's BankrunConnection, typed as a web3 Connection */
  connection: Connection;
  /** the bankrun context (for tests that need it) */
  context: Any;
  coder: WorldCoder;
  /** current pinned clock */
  now(): { slot: bigint; unixTs: number };
  /** current oracle price (1e6) of a perp market */
  price(marketIndex: number): bigint;
  /** rewrite a perp market's oracle (and so spot SOL's, for market 0) at the current slot */
  setOraclePrice(marketIndex: number, price: bigint): Promise<void>;
  /** rewrite an existing account's data, keeping its lamports and owner (e.g. a user opening a position) */
  setAccountData(address: PublicKey, data: Buffer): Promise<void>;
  /** move the clock forward: seconds, and one slot per 0.4 s (at least one) */
  warp(seconds: number): Promise<void>;
  close(): Promise<void>;
}

export interface WorldOptions {
  unixTs?: number;
  slot?: bigint;
  /** accounts already built for this start slot and time (building costs ~0.1 s; starts reuse them) */
  prebuilt?: { coder: WorldCoder; built: BuiltWorld };
}

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const coder = options.prebuilt?.coder ?? (await WorldCoder.create());
  const bankrun = await import('solana-bankrun');
  const { BankrunContextWrapper } = await import('@drift-labs/sdk/lib/node/bankrun/bankrunConnection.js' as string);
  let clock = { slot: options.slot ?? WORLD_START_SLOT, unixTs: options.unixTs ?? WORLD_START_UNIX };
  const built = options.prebuilt?.built ?? (await buildWorldAccounts(coder, clock));
  const owner = built.programId;
  const genesis = built.accounts.map((a) => ({ address: a.address, info: { lamports: ACCOUNT_LAMPORTS, data: a.data, owner, executable: false } }));
  fullGc();
  const context: Any = await bankrun.start([], genesis);
  const pin = async (): Promise<void> => {
    context.warpToSlot(clock.slot);
    const c = await context.banksClient.getClock();
    await context.setClock(new bankrun.Clock(clock.slot, c.epochStartTimestamp, c.epoch, c.leaderScheduleEpoch, BigInt(clock.unixTs)));
  };
  await pin();
  const wrapper = new BankrunContextWrapper(context);
  const prices = PERP_SPECS.map((p) => p.price);
  const setAccountData = async (address: PublicKey, data: Buffer): Promise<void> => {
    const current = await context.banksClient.getAccount(address);
    if (current === null) throw new RangeError(`world: no account ${address.toBase58()} to rewrite`);
    context.setAccount(address, { lamports: Number(current.lamports), data, owner, executable: false });
  };
  return {
    programId: built.programId,
    users: built.users,
    built,
    connection: wrapper.connection.toConnection() as Connection,
    context,
    coder,
    now: () => ({ ...clock }),
    price: (i) => prices[i]!,
    async setOraclePrice(marketIndex, price) {
      if (!(price > 0n)) throw new RangeError(`world: oracle price of perp ${marketIndex} must be > 0, got ${price}`);
      const address = built.oracles[marketIndex];
      if (address === undefined) throw new RangeError(`world: no perp market ${marketIndex}`);
      await setAccountData(address, await coder.oracle({ price, slot: clock.slot, perpMarketIndex: marketIndex }));
      prices[marketIndex] = price;
    },
    setAccountData,
    async warp(seconds) {
      if (!(Number.isInteger(seconds) && seconds >= 0)) throw new RangeError(`world: warp needs whole seconds >= 0, got ${seconds}`);
      clock = { slot: clock.slot + BigInt(Math.max(1, Math.round(seconds / 0.4))), unixTs: clock.unixTs + seconds };
      await pin();
    },
    async close() {
      // bankrun 0.3.1 has no explicit shutdown; dropping the references lets the bank be collected.
    },
  };
}
