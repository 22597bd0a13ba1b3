/** Figures or their refusal as comparable text (for batch-vs-single equality tests). */
import { accountFigures, FiguresRefusedError, type FiguresInput } from '../../engine/drift/figures.js';
import type { LiveFigures } from '../../engine/health/liveTypes.js';

export const show = (r: LiveFigures | FiguresRefusedError): string =>
  r instanceof FiguresRefusedError ? `refused: ${r.message}` : JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? v.toString() : v));

/** `accountFigures(input)`, or the refusal it throws. */
export const single = (input: FiguresInput): LiveFigures | FiguresRefusedError => {
  try {
    return accountFigures(input);
  } catch (e) {
    if (e instanceof FiguresRefusedError) return e;
    throw e;
  }
};
