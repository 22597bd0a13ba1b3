/** Small input files for the refusal tests, written to a fresh temp dir. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatIsoDay, parseIsoDay } from '../../../engine/data/dates.js';

export const HEADER = 'date,open,high,low,close,funding,lend_apy,borrow_apy';

export function tempDir(prefix = 'dnh-refuse-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function write(dir: string, name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

export interface DayFields {
  open?: string;
  high?: string;
  low?: string;
  close?: string;
  funding?: string;
  lend?: string;
  borrow?: string;
  date?: string;
}

/** A canonical CSV of `n` flat days at 100 from 2025-01-01; `patch(i)` overrides fields of day i (as text). */
export function canonicalCsv(n: number, patch: (i: number) => DayFields = () => ({})): string {
  const d0 = parseIsoDay('2025-01-01')!;
  const lines = [HEADER];
  for (let i = 0; i < n; i++) {
    const p = { open: '100', high: '101', low: '99', close: '100', funding: '0.0003', lend: '0.05', borrow: '0.07', date: formatIsoDay(d0 + i), ...patch(i) };
    lines.push([p.date, p.open, p.high, p.low, p.close, p.funding, p.lend, p.borrow].join(','));
  }
  return lines.join('\n') + '\n';
}

/** An hourly CSV (paper --hourly) of `n` hours from 2025-05-01T00; `patch(i)` overrides fields. */
export function hourlyCsv(n: number, patch: (i: number) => { price?: string; funding?: string; lend?: string; borrow?: string } = () => ({})): string {
  const lines = ['time,price,funding,lend_apy,borrow_apy'];
  const d0 = parseIsoDay('2025-05-01')!;
  for (let h = 0; h < n; h++) {
    const p = { price: '150', funding: '0.00003', lend: '0.06', borrow: '0.07', ...patch(h) };
    lines.push(`${formatIsoDay(d0 + Math.floor(h / 24))}T${String(h % 24).padStart(2, '0')}:00:00Z,${p.price},${p.funding},${p.lend},${p.borrow}`);
  }
  return lines.join('\n') + '\n';
}

/** No stack trace and one line on stderr: what every refusal must look like. */
export function oneLine(err: string): boolean {
  return err.trim().split('\n').length === 1 && !/\n\s+at /.test(err) && !/internal error/.test(err);
}
