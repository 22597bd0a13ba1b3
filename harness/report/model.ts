/** The report as data: sections of notes, tables and chart references, rendered by `render.ts`. */
import type { ChartKind } from './html.js';
import type { Table } from './table.js';

export interface ReportTable {
  caption?: string;
  table: Table;
}

export interface ReportChart {
  kind: ChartKind;
  key: string;
  caption?: string;
}

export interface ReportSection {
  id: string;
  title: string;
  notes: string[];
  tables: ReportTable[];
  charts: ReportChart[];
}

export interface ReportModel {
  title: string;
  header: string[];
  sections: ReportSection[];
  /** Chart data by key (embedded in the HTML page, included in JSON). */
  chartData: Record<string, unknown>;
}

export function section(id: string, title: string, parts: Partial<Omit<ReportSection, 'id' | 'title'>> = {}): ReportSection {
  return { id, title, notes: parts.notes ?? [], tables: parts.tables ?? [], charts: parts.charts ?? [] };
}
