/**
 * CPU time of the calling thread (main or worker), for benches and progress figures only (never
 * hashed, never in a result's content). Node 20 has no per-thread `process.cpuUsage` (inside a
 * worker it reports the whole process), so on Linux this reads `/proc/thread-self/stat` (utime +
 * stime, in clock ticks of 1/100 s: `getconf CLK_TCK` is 100 on Linux). Elsewhere: null.
 */
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** Milliseconds of CPU this thread has used (10 ms resolution), or null where unknown. */
export function threadCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat(5); `rest` starts at field 3 (state).
    const ticks = Number(rest[11]) + Number(rest[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : null;
  } catch {
    return null;
  }
}
