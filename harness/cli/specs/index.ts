/** Every command's declaration, in the order `dnh --help` lists them. */
import type { CommandSpec } from '../spec.js';
import { CROSSCHECK, REPORT, STUDY, SWEEP } from './analysis.js';
import { BACKTEST, EXAMPLE } from './backtest.js';
import { CHAIN, GATE, LIVE, MONITOR, PAPER } from './drift.js';
import { DATA, SCENARIO, SUITE } from './scenario.js';

export const COMMAND_SPECS: readonly CommandSpec[] = [BACKTEST, EXAMPLE, DATA, SWEEP, STUDY, REPORT, SCENARIO, PAPER, CHAIN, GATE, LIVE, CROSSCHECK, MONITOR, SUITE];
