/**
 * The write adapter's transport over the local bank: simulation straight through
 * `banksClient.simulateTransaction` (the SDK's `BankrunConnection.simulateTransaction` throws when a
 * transaction has no return data), one processing per send followed by the pinned clock's +1 slot and
 * +1 s (as the SDK's bankrun connection does after every transaction).
 */
import { Transaction, type PublicKey } from '@solana/web3.js';
import type { ProgramTestContext } from 'solana-bankrun';
import type { DriftTransport } from '../../../engine/drift/write/transport.js';

export interface BankConnection {
  updateSlotAndClock(): Promise<void>;
}

export function bankTransport(context: ProgramTestContext, connection: BankConnection): DriftTransport & { sends: number } {
  const b = context.banksClient;
  const t = {
    sends: 0,
    async latestBlockhash() {
      const [blockhash, lastValidBlockHeight] = (await b.getLatestBlockhash())!;
      return { blockhash, lastValidBlockHeight };
    },
    async simulate(tx: Transaction) {
      const r = await b.simulateTransaction(tx);
      return { err: r.result ?? null, logs: r.meta?.logMessages ?? [] };
    },
    async sendRaw(bytes: Uint8Array) {
      t.sends++;
      await b.tryProcessTransaction(Transaction.from(bytes));
      await connection.updateSlotAndClock();
    },
    async status(signature: string) {
      const st = await b.getTransactionStatus(signature);
      if (st === null) return { state: 'unknown' as const };
      return st.err ? { state: 'failed' as const, error: String(st.err) } : { state: 'success' as const };
    },
    async blockHeight() {
      return b.getBlockHeight();
    },
    async accountData(address: PublicKey) {
      const a = await b.getAccount(address);
      return a ? Buffer.from(a.data) : null;
    },
  };
  return t;
}
