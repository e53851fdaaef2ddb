'use strict';
// profile-gc.js -- runs another workload under v8.GCProfiler (Node 18.15+ / 19.6+) and writes
// what JSON.stringify(profiler.stop()) gives to a file when the process exits.
//
// usage: node profile-gc.js <out.json | -> <workload.js> [workload args...]
// With `-`, the JSON is printed on stdout as one line, as an app that logs it would.
// Plain CommonJS.
var fs = require('fs');
var path = require('path');
var v8 = require('v8');

var out = process.argv[2];
var workload = path.resolve(process.argv[3]);
process.argv.splice(1, 3, workload); // the workload sees its own arguments at argv[2]...

var profiler = new v8.GCProfiler();
profiler.start();
process.on('exit', function () {
  var json = JSON.stringify(profiler.stop());
  if (out === '-') fs.writeSync(1, json + '\n');
  else fs.writeFileSync(out, json);
});
require(workload);
