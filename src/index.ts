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
export { analyzeFleetPaths, type FleetResult } from './fleet/fleet.js';
export { discoverRuns, type FleetRun } from './fleet/discover.js';
export { rankRows, fleetRows, type FleetRow } from './fleet/row.js';
export { FLEET_TABLE } from './fleet/fleet-table.js';
export { EVENT_TABLE, type EventRow } from './export/event-table.js';
export type { TableSchema, Column, ColumnType, TableFormat } from './export/table.js';
