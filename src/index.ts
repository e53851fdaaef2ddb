// The library: parse GC logs into events, analyze them, compare two runs, and render reports.
export * from './events.js';
export { AppError, EXIT_CODES, type AppErrorContext } from './errors.js';
export { GcLogParser, parseLog, type ParseStats } from './parse/log-parser.js';
export { readLog, type ParsedInput, type ReadOptions } from './parse/reader.js';
export { Analyzer, analyzeFiles } from './analyze/analyzer.js';
export type { AnalyzeOptions } from './analyze/isolate-analyzer.js';
export * from './analyze/summary.js';
export { compareSummaries, type CompareOptions } from './compare/compare.js';
export type * from './compare/comparison.js';
export { renderText } from './report/text.js';
export { renderHtmlReport } from './report/html/render-html.js';
export { renderComparisonHtml } from './report/html-compare/page.js';
export { heapdiffFiles, heapdiffOfRun, type HeapDiffOptions } from './heapdiff/heapdiff.js';
export type { ClassDiff, HeapDiff } from './heapdiff/diff.js';
export { findLeakSnapshots, type SnapshotSeries } from './heapdiff/run-snapshots.js';
export { renderHeapDiffText } from './report/heapdiff/text.js';
