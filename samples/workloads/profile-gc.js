'use strict';
// profile-gc.js -- runs another workload under v8.GCProfiler (Node 18.15+ / 19.6+) and writes
// what JSON.stringify(profiler.stop()) gives to a file when the process exits.
//
// usage: node profile-gc.js <out.json> <workload.js> [workload args...]
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
  fs.writeFileSync(out, JSON.stringify(profiler.stop()));
});
require(workload);
