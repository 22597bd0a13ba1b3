/**
 * Turning a failed simulation or transaction into Drift's error name, from the IDL's error table shipped
 * with `@drift-labs/sdk` (codes 6000+). Understands every shape a failure arrives in: bankrun's string
 * ("Error processing Instruction 1: custom program error: 0x1773"), web3's `{ InstructionError: [i, { Custom: n }] }`,
 * and Anchor's log line ("Error Code: InsufficientCollateral. Error Number: 6003.").
 *
 * Example: `decodeDriftError('... custom program error: 0x1773', [])` -> `{ code: 6003, name: 'InsufficientCollateral' }`.
 */
import { createRequire } from 'node:module';

export interface DecodedError {
  /** custom program error code, or null when the failure is not a custom program error */
  code: number | null;
  /** Drift's error name for the code, or null when the code is not in the table */
  name: string | null;
  /** the raw failure, as text */
  raw: string;
}

let table: Map<number, string> | undefined;

/** Drift's error table (code -> name) from the SDK's IDL. Loaded once, without loading the SDK itself. */
export function driftErrorTable(): Map<number, string> {
  if (table) return table;
  const require = createRequire(import.meta.url);
  const idl = require('@drift-labs/sdk/lib/node/idl/drift.json') as { errors: { code: number; name: string }[] };
  table = new Map(idl.errors.map((e) => [e.code, e.name]));
  return table;
}

function rawText(err: unknown): string {
  if (err === null || err === undefined) return '';
  if (typeof err === 'string') return err;
  if (err instanceof Error) return err.message;
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}

function customCode(err: unknown, raw: string): number | null {
  if (err && typeof err === 'object' && 'InstructionError' in err) {
    const ie = (err as { InstructionError: [number, unknown] }).InstructionError;
    const detail = ie?.[1];
    if (detail && typeof detail === 'object' && 'Custom' in detail) {
      const c = (detail as { Custom: unknown }).Custom;
      if (typeof c === 'number' && Number.isInteger(c)) return c;
    }
  }
  const hex = /custom program error: 0x([0-9a-fA-F]+)/.exec(raw);
  if (hex) return parseInt(hex[1]!, 16);
  const dec = /"Custom":\s*([0-9]+)/.exec(raw);
  if (dec) return Number(dec[1]);
  return null;
}

/** Decodes a failure (any shape) with the help of the program log when the error itself has no code. */
export function decodeDriftError(err: unknown, logs: readonly string[] = []): DecodedError {
  const raw = rawText(err);
  let code = customCode(err, raw);
  if (code === null) {
    for (const line of logs) {
      const m = /Error Number: ([0-9]+)/.exec(line) ?? /custom program error: 0x([0-9a-fA-F]+)/.exec(line);
      if (m) {
        code = line.includes('Error Number') ? Number(m[1]) : parseInt(m[1]!, 16);
        break;
      }
    }
  }
  const name = code === null ? null : driftErrorTable().get(code) ?? null;
  return { code, name, raw };
}
