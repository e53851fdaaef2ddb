// Typed tables for engines beyond gclog (DuckDB, ClickHouse, Spark, BigQuery): a schema is a list
// of typed columns, and one table can be written as NDJSON, CSV or Parquet with the same names.

import * as arrow from 'apache-arrow';
import { csvCell } from '../report/csv.js';

export type ColumnType = 'utf8' | 'int64' | 'float64' | 'bool';

export interface Column<T> {
  name: string;
  type: ColumnType;
  /** What the column holds, with its unit: the README's schema table is checked against these. */
  describe: string;
  value: (row: T) => string | number | boolean | null;
}

export interface TableSchema<T> {
  /** `gclog-events`, `gclog-fleet`: written into the Parquet file's metadata with the version. */
  name: string;
  version: number;
  columns: Array<Column<T>>;
}

export type TableFormat = 'ndjson' | 'csv' | 'parquet';

/** One JSON object per row, with every column (null where the row has no value). */
export function ndjsonRow<T>(schema: TableSchema<T>, row: T): string {
  const object: Record<string, unknown> = {};
  for (const column of schema.columns) object[column.name] = column.value(row);
  return `${JSON.stringify(object)}\n`;
}

export function csvHeaderOf<T>(schema: TableSchema<T>): string {
  return `${schema.columns.map((column) => column.name).join(',')}\n`;
}

export function csvRowOf<T>(schema: TableSchema<T>, row: T): string {
  return `${schema.columns.map((column) => csvCell(column.value(row))).join(',')}\n`;
}

/** The Arrow schema of a table: the types Parquet readers see. */
export function arrowSchemaOf<T>(schema: TableSchema<T>): arrow.Schema {
  const metadata = new Map([
    ['gclog.schema', schema.name],
    ['gclog.schema_version', String(schema.version)],
  ]);
  return new arrow.Schema(
    schema.columns.map((column) => new arrow.Field(column.name, arrowTypeOf(column.type), true)),
    metadata,
  );
}

function arrowTypeOf(type: ColumnType): arrow.DataType {
  switch (type) {
    case 'utf8':
      return new arrow.Utf8();
    case 'int64':
      return new arrow.Int64();
    case 'float64':
      return new arrow.Float64();
    case 'bool':
      return new arrow.Bool();
  }
}

/** Rows gathered column by column until a batch is full, then handed on as one Arrow table. */
export class ColumnBatcher<T> {
  private values: unknown[][];
  private count = 0;

  constructor(
    private readonly schema: TableSchema<T>,
    private readonly arrowSchema: arrow.Schema,
  ) {
    this.values = schema.columns.map(() => []);
  }

  get size(): number {
    return this.count;
  }

  add(row: T): void {
    const columns = this.schema.columns;
    for (let index = 0; index < columns.length; index++) {
      const column = columns[index]!;
      let value: unknown = column.value(row);
      if (column.type === 'int64' && value !== null) value = BigInt(value as number);
      this.values[index]!.push(value);
    }
    this.count++;
  }

  /** The rows so far as an Arrow table; the batcher starts empty again. */
  take(): arrow.Table {
    const vectors: Record<string, arrow.Vector> = {};
    this.schema.columns.forEach((column, index) => {
      vectors[column.name] = arrow.vectorFromArray(this.values[index]!, this.arrowSchema.fields[index]!.type);
    });
    const table = new arrow.Table(this.arrowSchema, vectors);
    this.values = this.schema.columns.map(() => []);
    this.count = 0;
    return table;
  }
}
