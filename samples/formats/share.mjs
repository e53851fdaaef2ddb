// How many of the GC records in the samples of this folder gclog reads, by format (after npm run build):
//   node samples/formats/share.mjs
// Records are counted without gclog: the lines of a text log that start a record (minus those an
// out-of-memory block repeats), the MinorGC/MajorGC end events of a trace file, the Scavenge and
// MarkSweepCompact entries of a GCProfiler result.
import { readLog } from '../../dist/parse/reader.js';
import { readdirSync, readFileSync } from 'node:fs';
const dir = new URL('./', import.meta.url).pathname;
const groups = {};
for (const name of readdirSync(dir).filter((n) => n.endsWith('.log') || n.endsWith('.json')).sort()) {
  const group = name.includes('.gcprofiler') ? 'gc-profiler' : name.endsWith('.trace-events.json') ? 'trace-events' : name.startsWith('deno') ? 'deno' : name.includes('.nvp.') ? 'old nvp' : 'old text';
  let read = 0, truncated = 0;
  let stats;
  try {
    ({ stats } = await readLog(dir + name, (e) => { if (e.type !== 'OutOfMemory') { read++; if (e.truncated) truncated++; } }));
  } catch (error) { stats = null; }
  let inFile;
  const text = readFileSync(dir + name, 'utf8');
  const json = (t) => JSON.parse(t.split('\n').find((line) => line.startsWith('{')));
  if (group === 'gc-profiler') inFile = json(text).statistics.filter((e) => e.gcType === 'Scavenge' || e.gcType === 'MarkSweepCompact').length;
  else if (group === 'trace-events') inFile = JSON.parse(text).traceEvents.filter((e) => (e.name === 'MinorGC' || e.name === 'MajorGC') && e.ph === 'E').length;
  else inFile = text.split('\n').filter((l) => / ms: (?:Scavenge|Mark-sweep|Mark-Compact|Incremental Mark-Compact|Minor)|pause=|GC: \{/.test(l)).length - (stats?.duplicateOomRecords ?? 0);
  const g = (groups[group] ??= { files: 0, inFile: 0, read: 0, truncated: 0 });
  g.files++; g.inFile += inFile; g.read += read; g.truncated += truncated;
}
for (const [group, g] of Object.entries(groups)) console.log(`${group}: ${g.files} files, ${g.read} of ${g.inFile} GC records read (${(100 * g.read / g.inFile).toFixed(2)}%), ${g.truncated} of them truncated`);
