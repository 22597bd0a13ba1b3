/**
 * RPC failures of `dnh live` after its first read become one typed `RpcError` (exit 5, one line) instead
 * of a stack trace or a misleading "did not load": `watchRpc` wraps the `Connection` so that every
 * rejected call is recorded and still rejected, with a one-line redacted error in place of the original
 * (the SDK's user subscriber logs the message and stack of a fetch failure it swallows), and makes the account loader record its chunk failures
 * instead of swallowing them (the SDK's `BulkAccountLoader.load` logs and drops them, so a failed refresh
 * would otherwise leave stale accounts). `step(operation, f)` runs one RPC-facing step: a thrown error,
 * or a failure the SDK swallowed during it, becomes `RpcError(operation, 1, message)` with the message's
 * URL paths, queries and key-like runs redacted. Typed write errors pass through unchanged.
 *
 * @example
 *   const rpc = watchRpc(connection, loader);
 *   await rpc.step('subscribing to the Drift markets and oracles', () => client.subscribe());
 */
import type { Connection } from '@solana/web3.js';
import { DriftWriteError, RpcError } from '../../engine/drift/write/errors.js';
import { redactSecrets } from '../../engine/drift/write/redact.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export type RpcStep = <T>(operation: string, f: () => Promise<T>) => Promise<T>;

export interface RpcWatch {
  /** the connection to hand to the SDK and the transport: its rejections are recorded */
  connection: Connection;
  step: RpcStep;
}

const message = (e: unknown): string => redactSecrets((e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' '));

export function watchRpc(connection: Connection, accountLoader?: Any): RpcWatch {
  const failures: unknown[] = [];
  const watched = new Proxy(connection, {
    get(target, prop) {
      const v: unknown = Reflect.get(target, prop, target);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        const r: unknown = (v as (...a: unknown[]) => unknown).apply(target, args);
        if (r instanceof Promise) {
          return r.catch((e: unknown) => {
            // what the SDK may log on a failure it swallows is this redacted one-line error, not the original
            const quiet = new Error(message(e));
            quiet.stack = `Error: ${quiet.message}`;
            failures.push(quiet);
            throw quiet;
          });
        }
        return r;
      };
    },
  });
  if (accountLoader && typeof accountLoader.loadChunk === 'function') {
    const loadChunk = accountLoader.loadChunk.bind(accountLoader);
    accountLoader.loadChunk = async (chunks: Any) => {
      try {
        await loadChunk(chunks);
      } catch (e) {
        failures.push(e); // recorded, not logged by the SDK: the step turns it into one RpcError
      }
    };
  }
  const step: RpcStep = async (operation, f) => {
    failures.length = 0;
    let r;
    try {
      r = await f();
    } catch (e) {
      if (e instanceof DriftWriteError) throw e;
      throw new RpcError(operation, 1, message(e));
    }
    if (failures.length > 0) throw new RpcError(operation, 1, message(failures[failures.length - 1]));
    return r;
  };
  return { connection: watched, step };
}
