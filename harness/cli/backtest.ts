import { UsageError } from '../../engine/errors.js';
import type { Command } from './io.js';
// Replaced by the real command in the same working session (issue 2).
export const backtestCommand: Command = async () => {
  throw new UsageError('backtest: not built yet');
};
