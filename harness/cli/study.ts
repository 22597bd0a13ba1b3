/**
 * `dnh study`: the feasibility study's printed report from `sol-hl-study.csv` and
 * `sol-drift-study.csv` (default: ../shared/data), first under the study convention (reproducing its
 * figures), then the same tables under the exact convention.
 */
import { basename, join } from 'node:path';
import { loadPrices } from '../../engine/venues-data/detect.js';
import { attachSpot } from '../../engine/venues-data/spot.js';
import { executionCompareMarkdown, runExecutionCompare } from '../study/execution-compare.js';
import { parseArgs } from 'node:util';
import type { EngineKind } from '../../engine/backtest.js';
import { loadCanonicalCsv } from '../../engine/data/csv.js';
import { DataError, UsageError } from '../../engine/errors.js';
import { sharedDir } from '../../engine/paths.js';
import { CONVENTIONS, type BacktestResult, type Convention, type Venue } from '../../engine/model/types.js';
import { checkOutputs, writeOutputs } from '../io/atomic.js';
import { provenance } from '../io/provenance.js';
import { runStudy, type StudyRuns } from '../study/study-runs.js';
import { laneLabel } from '../sweep/grid.js';
import { invalidReason } from '../verdict/finite.js';
import { studyReportText } from '../study/study-text.js';
import { choiceFlag, parseFlags } from './flags.js';
import type { Command } from './io.js';
import { STUDY_OPTIONS } from './specs/analysis.js';

export const DEFAULT_SPOT = ['data', 'real', 'jirayuwannagul-tech__wave-structure-engine', 'data', 'SOLUSDT_1d.csv'] as const;

/** Rule 1 (harness/verdict/finite.ts): a study table with a non-finite figure is refused, naming the run. */
function refuseInvalid(s: StudyRuns, file: string): void {
  refuseInvalidRuns([...s.summary.flat(), ...s.triggers.flat(), ...s.fees, ...s.detail], file);
}

function refuseInvalidRuns(runs: readonly BacktestResult[], file: string): void {
  for (const r of runs) {
    const reason = invalidReason(r);
    if (reason !== null) throw new DataError({ file }, `invalid run (${laneLabel(r.params)}): ${reason}; the study report is not printed`);
  }
}

export const studyCommand: Command = async (argv, io) => {
  const { values } = parseFlags(
    () => parseArgs({ args: argv, strict: true, allowPositionals: false, options: STUDY_OPTIONS }),
    'study',
  );
  const shared = sharedDir();
  const file = (flag: string, given: string | undefined, name: string): string => {
    if (given) return given;
    if (!shared) throw new UsageError(`--${flag} FILE is required (../shared/data/${name} is absent)`);
    return join(shared, 'data', name);
  };
  const engine: EngineKind = values.engine ? choiceFlag('--engine', values.engine, ['wasm', 'ts'] as const) : 'wasm';
  const which = values.convention ? choiceFlag('--convention', values.convention, [...CONVENTIONS, 'both'] as const) : 'both';
  const conventions: Convention[] = which === 'both' ? ['study', 'exact'] : [which];
  const data: [Venue, string][] = [['hl', file('hl', values.hl, 'sol-hl-study.csv')], ['drift', file('drift', values.drift, 'sol-drift-study.csv')]];
  const out = values.out;
  checkOutputs([out ? { flag: '--out', path: out } : undefined, out ? { flag: '--out (provenance)', path: `${out}.provenance.json` } : undefined], data.map(([, f]) => f));
  const loaded = data.map(([v, f]) => [v, loadCanonicalCsv(f)] as const);
  const parts: string[] = [];
  if (values.execution) {
    if (values.convention) throw new UsageError('--execution runs the exact convention only; drop --convention');
    const spotFile = values.spot ?? (shared ? join(shared, ...DEFAULT_SPOT) : undefined);
    if (!spotFile) throw new UsageError(`--spot FILE is required (../shared/${DEFAULT_SPOT.join('/')} is absent)`);
    const spot = loadPrices(spotFile);
    loaded.forEach(([v, rows], i) => {
      const file = data[i]![1];
      const compare = runExecutionCompare(attachSpot(rows, spot, file), v, engine);
      refuseInvalidRuns(compare.runs.flat(2), file);
      parts.push(executionCompareMarkdown(compare, `${basename(file)} + spot ${basename(spotFile)}`));
    });
  } else {
    for (const c of conventions) {
      for (const [v, rows] of loaded) {
        const runs = runStudy(rows, v, c, engine);
        refuseInvalid(runs, data.find(([x]) => x === v)![1]);
        parts.push(studyReportText(runs));
      }
    }
  }
  const text = parts.join('\n');
  if (out) {
    const prov = provenance(data.map(([v, f]) => ({ role: `data-${v}`, path: f })), { engine, convention: which }, conventions);
    writeOutputs([{ path: out, content: text }, { path: `${out}.provenance.json`, content: JSON.stringify({ kind: 'dnh-study', report: basename(out), provenance: prov }, null, 2) + '\n' }]);
  } else io.out(text);
  return 0;
};
