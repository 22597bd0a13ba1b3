/**
 * `--config live.json` for `dnh backtest` and `dnh paper`: the strategy part of the live configuration
 * (fixtures/live/live.schema.json; the whole file is validated as `dnh gate` validates it), turned into
 * the flags it stands for, so that one file serves simulation, paper and live. Precedence: built-in
 * defaults < the file < flags given on the command line (docs/cli.md, "Configuration file").
 *
 * The live schema names two values differently from the model: `model: "rotate"` is the model
 * `rotation`, `execution.survivor: "keep"` is `close` (the survivor is kept until the day's close).
 *
 * @example const values = { ...(await configFlags(file, 'backtest')), ...givenFlags };
 */
import { NEVER_TRIGGER } from '../../engine/model/params.js';

/** The flag values (as typed on the command line) a live configuration sets for `command`. */
export async function configFlags(file: string, command: 'backtest' | 'paper'): Promise<Record<string, string>> {
  // The schema validator (ajv) is loaded only when a configuration is given.
  const { loadLiveConfig } = await import('../gate/config.js');
  const { config } = loadLiveConfig(file);
  const s = config.strategy;
  const flags: Record<string, string> = {
    capital: String(s.capital),
    leverage: String(s.leverage),
    trigger: s.trigger === 'never' ? String(NEVER_TRIGGER) : String(s.trigger),
  };
  if (command === 'paper') return flags;
  flags.model = s.model === 'rotate' ? 'rotation' : s.model;
  flags.venue = config.venue;
  const e = config.execution;
  if (e.survivor !== undefined) flags.survivor = e.survivor === 'keep' ? 'close' : e.survivor;
  if (e.legPrices !== undefined) flags.legPrices = e.legPrices;
  if (e['long.liquidation'] !== undefined) flags['long.liquidation'] = e['long.liquidation'];
  return flags;
}
