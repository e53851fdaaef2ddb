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

/** Strings remembered per column, encoded once: files, collectors, reasons and isolates repeat. */
const ENCODED_CACHE_LIMIT = 4096;
const encoder = new TextEncoder();

/** One column's values for the batch being filled, in the buffers Arrow takes as they are. */
class ColumnBuffer {
  private numbers: Float64Array | BigInt64Array | Uint8Array;
  private readonly valid: Uint8Array;
  private offsets: Int32Array | null = null;
  private bytes: Uint8Array | null = null;
  private byteLength = 0;
  private nulls = 0;
  private readonly encoded = new Map<string, Uint8Array>();

  constructor(
    private readonly type: ColumnType,
    private readonly capacity: number,
  ) {
    this.valid = new Uint8Array(Math.ceil(capacity / 8));
    this.numbers = type === 'float64' ? new Float64Array(capacity) : type === 'int64' ? new BigInt64Array(capacity) : new Uint8Array(Math.ceil(capacity / 8));
    if (type === 'utf8') {
      this.offsets = new Int32Array(capacity + 1);
      this.bytes = new Uint8Array(64 * 1024);
    }
  }

  set(index: number, value: string | number | boolean | null): void {
    if (this.type === 'utf8') this.offsets![index] = this.byteLength;
    if (value === null) {
      this.nulls++;
      if (this.type === 'utf8') this.offsets![index + 1] = this.byteLength;
      return;
    }
    this.valid[index >> 3]! |= 1 << (index & 7);
    switch (this.type) {
      case 'float64':
        (this.numbers as Float64Array)[index] = value as number;
        return;
      case 'int64':
        (this.numbers as BigInt64Array)[index] = BigInt(value as number);
        return;
      case 'bool':
        if (value === true) (this.numbers as Uint8Array)[index >> 3]! |= 1 << (index & 7);
        return;
      case 'utf8': {
        const text = value as string;
        let encoded = this.encoded.get(text);
        if (encoded === undefined) {
          encoded = encoder.encode(text);
          if (this.encoded.size < ENCODED_CACHE_LIMIT) this.encoded.set(text, encoded);
        }
        if (this.byteLength + encoded.length > this.bytes!.length) {
          const grown = new Uint8Array(Math.max(this.bytes!.length * 2, this.byteLength + encoded.length));
          grown.set(this.bytes!.subarray(0, this.byteLength));
          this.bytes = grown;
        }
        this.bytes!.set(encoded, this.byteLength);
        this.byteLength += encoded.length;
        this.offsets![index + 1] = this.byteLength;
      }
    }
  }

  data(type: arrow.DataType, length: number): arrow.Data {
    const nullBitmap = this.nulls === 0 ? undefined : this.valid;
    const common = { length, nullCount: this.nulls, ...(nullBitmap !== undefined ? { nullBitmap } : {}) };
    switch (this.type) {
      case 'float64':
        return arrow.makeData({ type: type as arrow.Float64, data: (this.numbers as Float64Array).subarray(0, length), ...common });
      case 'int64':
        return arrow.makeData({ type: type as arrow.Int64, data: (this.numbers as BigInt64Array).subarray(0, length), ...common });
      case 'bool':
        return arrow.makeData({ type: type as arrow.Bool, data: this.numbers as Uint8Array, ...common });
      case 'utf8':
        return arrow.makeData({ type: type as arrow.Utf8, data: this.bytes!.subarray(0, this.byteLength), valueOffsets: this.offsets!.subarray(0, length + 1), ...common });
    }
  }
}

/** Rows gathered column by column into Arrow buffers until a batch is full, then handed on as one Arrow table. */
export class ColumnBatcher<T> {
  private buffers: ColumnBuffer[];
  private count = 0;

  constructor(
    private readonly schema: TableSchema<T>,
    private readonly arrowSchema: arrow.Schema,
    private readonly capacity: number,
  ) {
    this.buffers = this.fresh();
  }

  get size(): number {
    return this.count;
  }

  /** Adds a row; the caller takes the batch when `size` reaches the capacity. */
  add(row: T): void {
    const columns = this.schema.columns;
    for (let index = 0; index < columns.length; index++) this.buffers[index]!.set(this.count, columns[index]!.value(row));
    this.count++;
  }

  /** The rows so far as an Arrow table; the batcher starts empty again. */
  take(): arrow.Table {
    const fields = this.arrowSchema.fields;
    const children = this.buffers.map((buffer, index) => buffer.data(fields[index]!.type, this.count));
    const struct = arrow.makeData({ type: new arrow.Struct(fields), length: this.count, nullCount: 0, children });
    const table = new arrow.Table([new arrow.RecordBatch(this.arrowSchema, struct)]);
    this.buffers = this.fresh();
    this.count = 0;
    return table;
  }

  private fresh(): ColumnBuffer[] {
    return this.schema.columns.map((column) => new ColumnBuffer(column.type, this.capacity));
  }
}
