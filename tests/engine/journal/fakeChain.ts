/**
 * Test helper: an in-memory chain for the journal's executor and recovery, with fault injection on the
 * connection: failed sends that did or did not reach the chain, dropped status answers, RPC errors on
 * reads, block heights that move so blockhashes expire. It counts sends and effects per signature.
 */
import type { ChainPort, SignedTx, TxStatus } from '../../../engine/journal/ports.js';

export interface Transfer {
  amount: bigint;
}

export interface Faults {
  /** the next send throws after (true) or before (false) the transaction reaches the chain */
  sendThrows?: 'after-landing' | 'before-landing';
  /** the next send is silently lost */
  sendLost?: boolean;
  /** status answers `unknown` this many times although the transaction landed */
  dropStatus?: number;
  /** the next N reads (observe/status/blockHeight) throw */
  readErrors?: number;
  /** the transaction fails on chain with this error */
  failWith?: string;
}

export class FakeChain implements ChainPort<Transfer> {
  balance = 1_000n;
  height = 100n;
  sends = 0;
  effects = 0;
  private nextSig = 0;
  private landed = new Map<string, TxStatus>();
  faults: Faults = {};

  private read(): void {
    if ((this.faults.readErrors ?? 0) > 0) {
      this.faults.readErrors!--;
      throw new Error('RPC 503 Service Unavailable');
    }
  }
  async observe(): Promise<string> {
    this.read();
    return this.balance.toString();
  }
  async sign(c: Transfer): Promise<SignedTx> {
    const signature = `sig-${this.nextSig++}`;
    return { signature, lastValidBlockHeight: this.height + 150n, bytes: new TextEncoder().encode(`${signature}:${c.amount}`) };
  }
  async send(tx: SignedTx): Promise<void> {
    this.sends++;
    const f = this.faults;
    this.faults = { ...f, sendThrows: undefined, sendLost: undefined };
    if (f.sendThrows === 'before-landing') throw new Error('RPC timeout');
    if (!f.sendLost) this.land(tx);
    if (f.sendThrows === 'after-landing') throw new Error('RPC timeout');
  }
  private land(tx: SignedTx): void {
    if (this.landed.has(tx.signature)) return; // a signature lands once
    if (this.height > tx.lastValidBlockHeight) return;
    const amount = BigInt(new TextDecoder().decode(tx.bytes).split(':')[1]!);
    if (this.faults.failWith) {
      this.landed.set(tx.signature, { state: 'failed', error: this.faults.failWith });
      return;
    }
    this.balance -= amount;
    this.effects++;
    this.landed.set(tx.signature, { state: 'success' });
  }
  async status(signature: string): Promise<TxStatus> {
    this.read();
    if ((this.faults.dropStatus ?? 0) > 0) {
      this.faults.dropStatus!--;
      return { state: 'unknown' };
    }
    return this.landed.get(signature) ?? { state: 'unknown' };
  }
  async blockHeight(): Promise<bigint> {
    this.read();
    return this.height;
  }
}

/** A sleep that advances the fake chain's block height (two blocks per 1000 ms) and records the waits. */
export function fakeSleep(chain: FakeChain, waits: number[]): (ms: number) => Promise<void> {
  return async (ms) => {
    waits.push(ms);
    chain.height += BigInt(Math.max(1, Math.floor(ms / 500)));
  };
}
