/** Reading a JSON object given by a flag, or a one-line `UsageError` naming the flag and file. */
import { readFileSync } from 'node:fs';
import { UsageError } from '../../engine/errors.js';

/** Parsed JSON of `file`; with `object`, it must be a JSON object (not null or an array). */
export function readJsonFlag(flag: string, file: string, object = true): unknown {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`${flag} ${file}: ${(e as Error).message}`);
  }
  if (object && (doc === null || typeof doc !== 'object' || Array.isArray(doc))) throw new UsageError(`${flag} ${file}: expected a JSON object`);
  return doc;
}
