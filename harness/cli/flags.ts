/** Flag parsing helpers: `node:util` parseArgs errors and bad values become one-line `UsageError`s. */
import { boundProblem, type BoundKey } from '../../engine/bounds.js';
import { parseDecimal } from '../../engine/data/decimal.js';
import { UsageError } from '../../engine/errors.js';

/** Run a parseArgs call, turning its errors (unknown flag, missing value) into a UsageError. */
export function parseFlags<T>(parse: () => T, command: string): T {
  try {
    return parse();
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '');
    throw new UsageError(`${msg} (see dnh ${command} --help)`);
  }
}

/** A finite decimal number (the one grammar of engine/data/decimal.ts), or a UsageError naming the flag. */
export function numberFlag(flag: string, raw: string): number {
  const v = parseDecimal(raw.trim());
  if (v === null) throw new UsageError(`${flag}: expected a number, got "${raw}" (a plain decimal, docs/bounds.md)`);
  return v;
}

/** A number inside its plausibility bound (engine/bounds.ts), or a UsageError naming the flag. */
export function boundedFlag(flag: string, raw: string, bound: BoundKey): number {
  return checkedValue(flag, numberFlag(flag, raw), bound);
}

/** `v` when inside `bound`, else a UsageError naming `name` (a flag or a suite/grid field). */
export function checkedValue(name: string, v: number, bound: BoundKey): number {
  const problem = boundProblem(bound, v);
  if (problem !== null) throw new UsageError(`${name}: ${problem}`);
  return v;
}

export function positiveInt(flag: string, raw: string): number {
  const v = numberFlag(flag, raw);
  if (!Number.isInteger(v) || v < 0) throw new UsageError(`${flag}: expected a whole number >= 0, got "${raw}"`);
  return v;
}

/** One of a fixed set of words. */
export function choiceFlag<T extends string>(flag: string, raw: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(raw)) throw new UsageError(`${flag}: expected one of ${choices.join(', ')}, got "${raw}"`);
  return raw as T;
}
