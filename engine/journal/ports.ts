/**
 * What the journal's executor and recovery need from a chain (STYLE.md habit 16: asynchronous ports,
 * implemented by the Drift write adapter over an RPC `Connection`, and by the local banks in tests).
 */

/** A signed transaction held in memory only; the journal keeps its signature and expiry. */
export interface SignedTx {
  signature: string;
  /** the transaction cannot land after this block height (its blockhash expires) */
  lastValidBlockHeight: bigint;
  bytes: Uint8Array;
}

export type TxStatus = { state: 'success' } | { state: 'failed'; error: string } | { state: 'unknown' };

export interface ChainPort<C> {
  /**
   * A canonical text of what the command changes (e.g. the token balance, or the position base), read
   * from the chain: compared before and after to tell whether the command took effect.
   */
  observe(command: C): Promise<string>;
  /** Builds and signs the transaction (no network effect). */
  sign(command: C): Promise<SignedTx>;
  /** Sends the signed bytes once. May throw (RPC error); the executor never resends. */
  send(tx: SignedTx): Promise<void>;
  /** Did this signature land, and how? `unknown`: not seen (yet). */
  status(signature: string): Promise<TxStatus>;
  /** The chain's current block height (to know when an unseen signature can no longer land). */
  blockHeight(): Promise<bigint>;
  /**
   * Simulates the signed transaction before it is journaled as signed; a failure is returned (not
   * thrown) as the error that `SimulationFailedError` carries. Optional: without it nothing is simulated.
   */
  simulate?(command: C, tx: SignedTx): Promise<Error | null>;
  /**
   * Whether a landed command always changes the observation. False for commands that may land without
   * effect (an unfillable market order, a settlement with nothing to settle). Default true.
   */
  effectGuaranteed?(command: C): boolean;
}

/** Injected waiting (tests use a fake that advances a logical clock). */
export type Sleep = (ms: number) => Promise<void>;

/** Points of a command's life, announced to an optional observer (crash tests stop the process there). */
export type LifePoint = 'journaled' | 'sent' | 'confirmed';
export type LifeObserver = (point: LifePoint, key: string) => Promise<void>;
