/** Reading an input file as text, or a `DataError` naming it (`cannot read: ENOENT`). */
import { readFileSync } from 'node:fs';
import { DataError } from '../errors.js';

export function readDataText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new DataError({ file }, `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}
