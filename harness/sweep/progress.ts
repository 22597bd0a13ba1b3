/**
 * Progress bar with ETA on stderr, drawn only on a terminal (`io.isTty`); a no-op when piped.
 */
import cliProgress from 'cli-progress';
import type { CliIo } from '../cli/io.js';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

export function makeProgress(io: CliIo, label: string): Progress {
  if (!io.isTty) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} {bar} {percentage}% | {value}/{total} lanes | ETA {eta_formatted}`, stream: process.stderr, hideCursor: true, etaBuffer: 20 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
