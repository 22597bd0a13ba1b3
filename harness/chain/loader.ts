/**
 * The SDK's `TestBulkAccountLoader` (polling over a `BankrunConnection`) with its bug fixed: the SDK's
 * `loadChunk` `return`s after the first account it sees for the first time (and after any account with
 * no callbacks), so each `load()` delivers one new account and `DriftClient.subscribe()` builds its
 * oracle maps before the markets arrive (DRIFT-BANKRUN.md). This subclass visits every account on every
 * load, in the order they were added, and otherwise behaves exactly like the SDK's loader.
 *
 * @example
 *   const loader = await createWorldLoader(connection); // polling off: the caller drives load()
 */
import type { Connection } from '@solana/web3.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** A `BulkAccountLoader` for a `BankrunConnection`; `pollingMs` 0 = only explicit `load()` calls. */
export async function createWorldLoader(connection: Connection, pollingMs = 0): Promise<Any> {
  const { TestBulkAccountLoader }: { TestBulkAccountLoader: Any } = await import('@drift-labs/sdk/lib/node/accounts/testBulkAccountLoader.js' as string);
  class WorldAccountLoader extends (TestBulkAccountLoader as new (...args: Any[]) => Any) {
    async loadChunk(chunks: Any[][]): Promise<void> {
      for (const chunk of chunks) {
        for (const toLoad of chunk) {
          const account = await this.connection.getAccountInfoAndContext(toLoad.publicKey, this.commitment);
          const slot: number = account.context.slot;
          if (slot > this.mostRecentSlot) this.mostRecentSlot = slot;
          if (toLoad.callbacks.size === 0) continue;
          const key = toLoad.publicKey.toBase58();
          const prev = this.bufferAndSlotMap.get(key);
          if (prev && slot < prev.slot) continue;
          const buffer: Buffer | undefined = account.value ? account.value.data : undefined;
          if (!prev || (buffer && (!prev.buffer || !buffer.equals(prev.buffer)))) {
            this.bufferAndSlotMap.set(key, { slot, buffer });
            this.handleAccountCallbacks(toLoad, buffer, slot);
          }
        }
      }
    }
  }
  return new WorldAccountLoader(connection, 'confirmed', pollingMs);
}
