/**
 * How the write adapter reaches a chain: latest blockhash, simulation (with the program log), one raw
 * send, signature status, block height and raw account data. `connectionTransport` implements it over a
 * web3 `Connection` (a real RPC); the local bank has its own in `harness/chain/program/transport.ts`.
 */
import type { Connection, PublicKey, Transaction } from '@solana/web3.js';
import type { TxStatus } from '../../journal/ports.js';

export interface Simulation {
  /** null when the simulation succeeded */
  err: unknown;
  logs: string[];
}

export interface DriftTransport {
  latestBlockhash(): Promise<{ blockhash: string; lastValidBlockHeight: bigint }>;
  /** Simulates a signed transaction (nothing changes on chain). */
  simulate(tx: Transaction): Promise<Simulation>;
  /** Sends signed bytes once, without preflight and without the node's own rebroadcast. */
  sendRaw(bytes: Uint8Array): Promise<void>;
  status(signature: string): Promise<TxStatus>;
  blockHeight(): Promise<bigint>;
  accountData(address: PublicKey): Promise<Buffer | null>;
}

/** Over a real RPC. `maxRetries: 0` keeps the node from rebroadcasting: one send means one send. */
export function connectionTransport(connection: Connection): DriftTransport {
  return {
    async latestBlockhash() {
      const b = await connection.getLatestBlockhash('confirmed');
      return { blockhash: b.blockhash, lastValidBlockHeight: BigInt(b.lastValidBlockHeight) };
    },
    async simulate(tx) {
      const r = await connection.simulateTransaction(tx);
      return { err: r.value.err, logs: r.value.logs ?? [] };
    },
    async sendRaw(bytes) {
      await connection.sendRawTransaction(bytes, { skipPreflight: true, maxRetries: 0 });
    },
    async status(signature) {
      const r = await connection.getSignatureStatuses([signature], { searchTransactionHistory: true });
      const s = r.value[0];
      if (!s || (s.confirmationStatus !== 'confirmed' && s.confirmationStatus !== 'finalized')) return { state: 'unknown' };
      return s.err ? { state: 'failed', error: JSON.stringify(s.err) } : { state: 'success' };
    },
    async blockHeight() {
      return BigInt(await connection.getBlockHeight('confirmed'));
    },
    async accountData(address) {
      const info = await connection.getAccountInfo(address, 'confirmed');
      return info ? Buffer.from(info.data) : null;
    },
  };
}
