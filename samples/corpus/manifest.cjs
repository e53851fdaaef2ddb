'use strict';
// manifest.cjs -- builds manifest.json from the job table and the pairs that
// generate.sh prints (`generate.sh --list`, on stdin) and from results.tsv (the
// exit code, wall seconds, size and Node version of each generated log).
// Called by generate.sh; writes the JSON to stdout.
//
// usage: bash generate.sh --list | node manifest.cjs results.tsv > manifest.json
var fs = require('fs');
var input = fs.readFileSync(0, 'utf8');
var results = {};
try {
  fs.readFileSync(process.argv[2], 'utf8').split('\n').forEach(function (l) {
    var f = l.split('\t');
    if (f.length >= 5) results[f[0]] = { exitCode: Number(f[1]), wallSeconds: Number(f[2]), bytes: Number(f[3]), nodeVersion: f[4] };
  });
} catch (e) { /* no results yet */ }

var logs = [], pairs = [], byName = {};
input.split('\n').forEach(function (l) {
  var f = l.split('\t');
  if (f[0] === 'J') {
    var args = f[9].split(' ');
    var w = 0;
    while (w < args.length && !/\.js$/.test(args[w])) w++;
    var r = results[f[1]] || {};
    var entry = {
      file: 'logs/' + f[1] + '.log.gz',
      workload: args[w].replace(/\.js$/, ''),
      node: Number(f[2]),
      nodeVersion: r.nodeVersion || null,
      seconds: Number(f[3]),
      seed: Number(f[4]),
      flags: args.slice(0, w),
      args: args.slice(w + 1),
      command: 'node ' + f[9],
      label: f[5],
      leakKind: f[6] === '-' ? null : f[6],
      leakRateMbPerMin: f[7] === '-' ? null : Number(f[7]),
      exitCode: r.exitCode === undefined ? null : r.exitCode,
      wallSeconds: r.wallSeconds === undefined ? null : r.wallSeconds,
      bytes: r.bytes === undefined ? null : r.bytes,
      notes: f[8]
    };
    byName[f[1]] = entry;
    logs.push(entry);
  } else if (f[0] === 'P') {
    pairs.push({ before: f[1], after: f[2], kind: f[3], expect: f[4], notes: f[5] || '' });
  }
});
pairs.forEach(function (p) {
  if (!byName[p.before] || !byName[p.after]) throw new Error('pair with an unknown log: ' + p.before + ' / ' + p.after);
  p.before = byName[p.before].file;
  p.after = byName[p.after].file;
});
process.stdout.write(JSON.stringify({
  description: 'Labelled corpus of real `node --trace-gc` logs; see README.md. Labels come from the workload design. ' +
    'seconds is the duration argument (for oom, only a safety cap); wallSeconds is the measured run time.',
  cwd: 'samples/corpus/workloads',
  logs: logs,
  pairs: pairs
}, null, 2) + '\n');
