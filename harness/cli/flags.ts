/** Flag parsing helpers: `node:util` parseArgs errors and bad values become one-line `UsageError`s. */
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

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A finite decimal number, or a UsageError naming the flag. */
export function numberFlag(flag: string, raw: string): number {
  const v = NUMBER.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isFinite(v)) throw new UsageError(`${flag}: expected a number, got "${raw}"`);
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
