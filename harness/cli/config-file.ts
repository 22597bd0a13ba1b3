/**
 * `--config live.json` for `dnh backtest` and `dnh paper`: the strategy part of the live configuration
 * (fixtures/live/live.schema.json; the whole file is validated as `dnh gate` validates it), turned into
 * the flags it stands for, so that one file serves simulation, paper and live. Precedence: built-in
 * defaults < the file < flags given on the command line (docs/cli.md, "Configuration file").
 *
 * The live schema's names are translated to the model's by harness/gate/config.ts (`rotate` ->
 * `rotation`, survivor `keep` -> `close`).
 *
 * @example const values = { ...(await configFlags(file, 'backtest')), ...givenFlags };
 */
import { NEVER_TRIGGER } from '../../engine/model/params.js';

/** The flag values (as typed on the command line) a live configuration sets for `command`. */
export async function configFlags(file: string, command: 'backtest' | 'paper'): Promise<Record<string, string>> {
  // The schema validator (ajv) is loaded only when a configuration is given.
  const { loadLiveConfig, modelName, executionOptions } = await import('../gate/config.js');
  const { config } = loadLiveConfig(file);
  const s = config.strategy;
  const flags: Record<string, string> = {
    capital: String(s.capital),
    leverage: String(s.leverage),
    trigger: s.trigger === 'never' ? String(NEVER_TRIGGER) : String(s.trigger),
  };
  if (command === 'paper') return flags;
  flags.model = modelName(s.model);
  flags.venue = config.venue;
  return { ...flags, ...executionOptions(config.execution) };
}
