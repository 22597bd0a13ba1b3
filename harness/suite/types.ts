/**
 * Suite files (`fixtures/suites/*.json`, schema `fixtures/suites/suite.schema.json`) as written, and
 * the resolved form the runner and its workers use (plain data: it crosses `worker_threads`).
 */
import type { BacktestParams } from '../../engine/model/types.js';
import type { BootstrapParams } from '../scenario/bootstrap.js';
import type { GeneratorOverrides, GeneratorParams } from '../scenario/params.js';
import type { ShockSpec } from '../scenario/stress.js';
import type { SkippedLane } from '../sweep/grid.js';

export type BaseSpec =
  | { kind: 'generated'; params?: GeneratorOverrides }
  | ({ kind: 'bootstrap'; data: string } & BootstrapParams)
  | { kind: 'historical'; data: string };

export type ScenarioSetSpec =
  | { name: string; kind: 'generated'; count: number; params?: GeneratorOverrides }
  | ({ name: string; kind: 'bootstrap'; count: number; data: string } & BootstrapParams)
  | { name: string; kind: 'historical'; data: string }
  | { name: string; kind: 'stress'; count: number; base: BaseSpec; shocks: ShockSpec[] };

export interface Bound {
  min?: number;
  max?: number;
}

export interface SuiteFile {
  name: string;
  description?: string;
  seed: number;
  scenarios: ScenarioSetSpec[];
  grid: Record<string, unknown>;
  metrics?: { percentiles?: number[] };
  robust?: { by?: string; beside?: string };
  /** `all` (default): the suite passes when every configuration passes; `any`: when at least one does. */
  verdict?: 'all' | 'any';
  thresholds?: {
    configuration?: Record<string, Bound>;
    scenario?: { return?: Bound; maxDrawdown?: Bound; liquidations?: Bound; ruined?: boolean };
  };
}

export type ResolvedBase =
  | { kind: 'generated'; params: GeneratorParams }
  | { kind: 'bootstrap'; file: string; bootstrap: BootstrapParams }
  | { kind: 'historical'; file: string };

export interface ResolvedSet {
  name: string;
  kind: ScenarioSetSpec['kind'];
  count: number;
  base: ResolvedBase;
  shocks: ShockSpec[];
  /** Days of each path (for the work estimate before a run). */
  days: number;
}

export interface ScenarioThresholds {
  return?: Bound;
  maxDrawdown?: Bound;
  liquidations?: Bound;
  /** `false`: a ruined run fails. */
  ruined?: boolean;
}

export interface ResolvedSuite {
  /** The suite file as given on the command line (used in replay commands). */
  file: string;
  name: string;
  description: string;
  /** The suite's own seed (a `--seed` flag replaces it at run time). */
  seed: number;
  sets: ResolvedSet[];
  grid: BacktestParams[];
  skipped: SkippedLane[];
  percentiles: number[];
  /** Expected-shortfall levels of the return a threshold or the robust choice names (`return.es5`: 5). */
  shortfalls?: number[];
  robust: { by: string; beside: string };
  /** Absent: `all`. */
  verdict?: 'any';
  thresholds: { configuration: Record<string, Bound>; scenario: ScenarioThresholds };
}
