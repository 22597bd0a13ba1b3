/**
 * Errors split by what the caller can do (STYLE.md habit 11).
 * `UsageError`: a bad flag, value or parameter combination (CLI exit status 2).
 * `DataError`: bad input data, naming file, row, date and field (CLI exit status 1).
 */

export class UsageError extends Error {
  override readonly name = 'UsageError' as const;
  constructor(message: string) {
    super(message);
  }
}

export interface DataErrorWhere {
  file: string;
  /** 1-based line number in the file (the header is line 1), or record index for JSON. */
  row?: number;
  date?: string;
  field?: string;
}

export class DataError extends Error {
  override readonly name = 'DataError' as const;
  readonly where: DataErrorWhere;
  constructor(where: DataErrorWhere, problem: string) {
    const parts = [where.file];
    if (where.row !== undefined) parts.push(`row ${where.row}`);
    if (where.date !== undefined) parts.push(`date ${where.date}`);
    if (where.field !== undefined) parts.push(`field ${where.field}`);
    super(`${parts.join(', ')}: ${problem}`);
    this.where = where;
  }
}
