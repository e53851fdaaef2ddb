'use strict';
// check.cjs -- sanity check of the generated logs (reads manifest.json and
// logs/*.log.gz): per log, the number of GC lines ('ms: '), the heap after each
// Mark-Compact/Mark-sweep (first third vs last third of the run, min, max),
// for verbose logs the last "External memory reported", and for OOM runs
// whether "heap out of memory" is present. Prints one line per log.
//
// usage: node check.cjs [regex]
var fs = require('fs');
var zlib = require('zlib');
var path = require('path');
var m = JSON.parse(fs.readFileSync(path.join(__dirname, 'manifest.json'), 'utf8'));
var only = process.argv[2] ? new RegExp(process.argv[2]) : null;
function median(a) { var b = a.slice().sort(function (x, y) { return x - y; }); return b.length ? b[b.length >> 1] : NaN; }
m.logs.forEach(function (e) {
  if (only && !only.test(e.file)) return;
  var file = path.join(__dirname, e.file);
  if (!fs.existsSync(file)) { console.log('MISSING ' + e.file); return; }
  var text = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
  var lines = text.split('\n');
  var gc = 0, mc = [], ext = null, oom = /heap out of memory/.test(text), odd = [];
  lines.forEach(function (l) {
    if (l.indexOf('ms: ') >= 0) gc++;
    var x = /ms: (?:Incremental )?Mark-(?:Compact|sweep)[^0-9]*([0-9.]+) \(([0-9.]+)\) -> ([0-9.]+) \(([0-9.]+)\) MB/.exec(l);
    if (x) mc.push(Number(x[3]));
    var y = /External memory reported: *([0-9]+) KB/.exec(l);
    if (y) ext = Number(y[1]);
    if (/unrecognized|bad option|Warning: /i.test(l)) odd.push(l.slice(0, 80));
  });
  var n = mc.length, k = Math.max(1, Math.floor(n / 3));
  var first = median(mc.slice(0, k)), last = median(mc.slice(n - k));
  console.log([
    path.basename(e.file).replace('.log.gz', ''),
    'rc=' + e.exitCode, 'gc=' + gc, 'mc=' + n,
    'floor ' + (isNaN(first) ? '-' : first.toFixed(1)) + ' -> ' + (isNaN(last) ? '-' : last.toFixed(1)),
    'min/max ' + (n ? Math.min.apply(null, mc).toFixed(1) + '/' + Math.max.apply(null, mc).toFixed(1) : '-'),
    ext !== null ? 'ext=' + Math.round(ext / 1024) + 'MB' : '',
    e.workload === 'oom' ? (oom ? 'OOM' : 'NO-OOM!') : '',
    gc === 0 ? 'NO-GC!' : '',
    odd.length ? 'ODD: ' + odd[0] : ''
  ].join('  '));
});
