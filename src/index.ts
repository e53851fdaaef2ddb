// The library: parse GC logs into events, analyze them, and render reports.
export * from './events.js';
export { AppError, EXIT_CODES } from './errors.js';
export { GcLogParser, parseLog, type ParseStats } from './parse/log-parser.js';
export { readLog, type ParsedInput } from './parse/reader.js';
