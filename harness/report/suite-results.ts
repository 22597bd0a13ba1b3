/**
 * `dnh report --results F` on a suite result (what `dnh suite run --out` writes: one JSON document
 * `{ hash, content, provenance }`) instead of sweep results (NDJSON whose first line has
 * `"kind": "dnh-sweep"`). `resultsKind` tells them apart from the file's first bytes; a suite result
 * renders as the suite page (html), the suite text report (text, md) or the document itself (json).
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { DataError, UsageError } from '../../engine/errors.js';
import { suiteSection } from '../suite/html.js';
import type { SuiteResult } from '../suite/summary.js';
import { suiteText } from '../suite/text.js';
import { renderHtmlPage } from './html.js';
import type { ReportFormat } from './render.js';

export type ResultsKind = 'sweep' | 'suite';

const HEAD_BYTES = 4096;

/** `sweep` (NDJSON, `"kind": "dnh-sweep"` on line 1) or `suite` (a JSON document starting with `"hash"`). */
export function resultsKind(file: string): ResultsKind {
  if (!existsSync(file)) throw new UsageError(`--results ${file}: no such file`);
  if (statSync(file).isDirectory()) throw new UsageError(`--results ${file}: is a directory`);
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(HEAD_BYTES);
  const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
  closeSync(fd);
  const head = buf.subarray(0, n).toString('utf8');
  const first = head.split('\n', 1)[0]!;
  if (/"kind"\s*:\s*"dnh-sweep"/.test(first)) return 'sweep';
  if (/^\{\s*"hash"\s*:/.test(head)) return 'suite';
  // Anything else goes to the sweep reader, whose error names the file, row and field.
  return 'sweep';
}

/** Read a suite result document; the fields the report draws from are checked, naming the file and field. */
export function readSuiteResults(file: string): SuiteResult & { provenance?: { params?: { engine?: string } } } {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new DataError({ file }, `not valid JSON (${(e as Error).message})`);
  }
  const d = doc as { hash?: unknown; content?: { configurations?: unknown; suite?: { name?: unknown }; failingScenarios?: unknown; robust?: unknown; scenarios?: unknown }; provenance?: { params?: { engine?: string } } };
  if (typeof d.hash !== 'string') throw new DataError({ file, field: 'hash' }, 'not a suite result (expected the "hash" string dnh suite run --out writes)');
  const c = d.content;
  if (!c || typeof c !== 'object') throw new DataError({ file, field: 'content' }, 'missing');
  if (!Array.isArray(c.configurations) || c.configurations.length === 0) throw new DataError({ file, field: 'content.configurations' }, 'expected a non-empty array');
  if (typeof c.suite?.name !== 'string') throw new DataError({ file, field: 'content.suite.name' }, 'expected a string');
  for (const f of ['failingScenarios', 'robust'] as const) if (!Array.isArray(c[f])) throw new DataError({ file, field: `content.${f}` }, 'expected an array');
  // JSON has no NaN: a non-finite figure was written as null; read it back as NaN so it prints `invalid`.
  const revive = (v: unknown): unknown => (v === null ? NaN : Array.isArray(v) ? v.map(revive) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, revive(x)])) : v);
  const content = { ...(c as object), configurations: (c.configurations as unknown[]).map(revive) } as SuiteResult['content'];
  const engine = d.provenance?.params?.engine ?? 'unknown';
  return { hash: d.hash, content, meta: { file, engine, workers: 0, elapsedMs: 0 }, provenance: d.provenance };
}

/** The report of a suite result in `format`. */
export function renderSuiteResults(file: string, format: ReportFormat): string {
  const r = readSuiteResults(file);
  // The document itself, byte for byte (the report adds nothing a program would need).
  if (format === 'json') return readFileSync(file, 'utf8');
  if (format === 'html') {
    const { section, data } = suiteSection(r);
    return renderHtmlPage({ title: `Scenario suite ${r.content.suite.name} (seed ${r.content.seed})`, sections: [section], data });
  }
  const text = suiteText(r);
  return format === 'md' ? `# Scenario suite ${r.content.suite.name}\n\n\`\`\`\n${text}\`\`\`\n` : text;
}
