// Parquet files written in bounded memory: rows are gathered into Arrow record batches of
// BATCH_ROWS, each batch becomes a row group (parquet-wasm, the Rust `parquet` crate compiled to
// WebAssembly: no native build), and the bytes stream into a file that appears only once whole.

import * as arrow from 'apache-arrow';
import * as parquet from 'parquet-wasm';
import { AtomicFileWriter } from '../io/write-atomic.js';
import { arrowSchemaOf, ColumnBatcher, type TableSchema } from './table.js';

/** Rows per record batch (and so per row group at most): a few MB of memory for the widest table. */
export const BATCH_ROWS = 32_768;

export class ParquetTableWriter<T> {
  private readonly file: AtomicFileWriter;
  private readonly batcher: ColumnBatcher<T>;
  private controller!: ReadableStreamDefaultController<parquet.RecordBatch>;
  private readonly pumped: Promise<void>;
  private failure: unknown = null;
  /** Resolves a `drain()` waiting for the writer to take the queued batch. */
  private pulled: (() => void) | null = null;

  constructor(
    readonly path: string,
    private readonly schema: TableSchema<T>,
  ) {
    this.file = new AtomicFileWriter(path);
    this.batcher = new ColumnBatcher(schema, arrowSchemaOf(schema), BATCH_ROWS);
    // One batch waits at most: `drain()` holds the reading back until the writer has taken it.
    const batches = new ReadableStream<parquet.RecordBatch>(
      {
        start: (controller) => void (this.controller = controller),
        pull: () => {
          this.pulled?.();
          this.pulled = null;
        },
      },
      { highWaterMark: 1 },
    );
    const properties = new parquet.WriterPropertiesBuilder()
      .setCompression(parquet.Compression.ZSTD)
      // A row group per batch: the writer would otherwise hold a million rows before writing any.
      .setMaxRowGroupSize(BATCH_ROWS)
      .setCreatedBy(`gclog (${schema.name} schema ${schema.version})`)
      .setKeyValueMetadata(new Map([['gclog.schema', schema.name], ['gclog.schema_version', String(schema.version)]]))
      .build();
    const file = this.file;
    this.pumped = (async () => {
      const bytes = await parquet.transformParquetStream(batches, properties);
      for await (const chunk of bytes as unknown as AsyncIterable<Uint8Array>) {
        file.write(chunk);
        await file.drain();
      }
    })().catch((error: unknown) => {
      this.failure ??= error;
    });
  }

  add(row: T): void {
    this.batcher.add(row);
    if (this.batcher.size >= BATCH_ROWS) this.flush();
  }

  /** Waits while the Parquet writer or the disk is behind (call between chunks of input). */
  async drain(): Promise<void> {
    while (this.failure === null && (this.controller.desiredSize ?? 1) <= 0) {
      await Promise.race([new Promise<void>((resolve) => (this.pulled = resolve)), this.pumped]);
    }
    if (this.failure !== null) throw this.failure;
    await this.file.drain();
  }

  async commit(): Promise<void> {
    if (this.batcher.size > 0 || this.schemaOnly()) this.flush();
    this.controller.close();
    await this.pumped;
    if (this.failure !== null) {
      await this.file.abort();
      throw this.failure;
    }
    await this.file.commit();
  }

  async abort(): Promise<void> {
    try {
      this.controller.error(new Error('aborted'));
    } catch {
      // Already closed.
    }
    await this.pumped;
    await this.file.abort();
  }

  private rowsWritten = 0;

  /** A file with no row still needs one (empty) batch to carry its schema. */
  private schemaOnly(): boolean {
    return this.rowsWritten === 0;
  }

  private flush(): void {
    const rows = this.batcher.size;
    const table = this.batcher.take();
    const wasmTable = parquet.Table.fromIPCStream(arrow.tableToIPC(table, 'stream'));
    for (const batch of wasmTable.recordBatches()) this.controller.enqueue(batch);
    // The batches hold their own references to the data: the table can go (wasm memory is not collected).
    wasmTable.free();
    this.rowsWritten += rows;
  }
}
