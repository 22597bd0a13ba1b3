/**
 * Structured logs for the monitor (pino, JSON lines on stderr so stdout stays clean for `--json`).
 * Every line carries the run id. No secrets: the RPC URL is logged as its origin only (providers put API
 * keys in the path or query), and no key material exists to log (the monitor never loads a keypair).
 */
import { randomBytes } from 'node:crypto';
import { pino, type DestinationStream, type Logger } from 'pino';

export function newRunId(): string {
  return randomBytes(6).toString('hex');
}

export function createLogger(runId: string, o: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino({ base: { runId, app: 'dnh-monitor' }, level: o.level ?? 'info', timestamp: pino.stdTimeFunctions.isoTime }, o.destination ?? pino.destination(2));
}

/** An RPC URL safe to log: scheme, host and port only. */
export function redactRpcUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname !== '/' || u.search ? '/…' : ''}`;
  } catch {
    return '<invalid url>';
  }
}
