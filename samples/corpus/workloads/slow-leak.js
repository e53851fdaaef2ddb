'use strict';
// slow-leak.js -- a service with a steady live set of ~50 MB (service.js churn
// with a 9000-entry ring cache of ~5 KB entries) that ALSO LEAKS at a
// controlled rate: records of ~4 KB are pushed to a global array, paced by
// wall-clock time, so that about `rate` MB are retained per minute
// (e.g. 3 MB/min over 120 s adds ~6 MB). Nothing is ever removed from it.
// The same run without the leak is `service.js <seconds> <seed> 9000`.
// Stops by itself after `seconds`.
// Label: leak (heap), rate = the argument in MB/min.
//
// usage: node [gc flags] slow-leak.js [seconds=120] [seed=1] [rateMbPerMin=2] [cacheEntries=9000]
// Plain CommonJS; runs on Node 12 .. 26.
var c = require('./common.js');
var SECONDS = c.argNum(2, 120);
var SEED = c.argNum(3, 1);
var RATE = c.argNum(4, 2);                 // MB per minute
var RECORD_KB = 4;
var svc = new c.Service({
  rng: c.mulberry32(SEED),
  cacheEntries: c.argNum(5, 9000),
  entryKb: 5,
  reqPerSec: 2500,
  writesPerSec: 800,
  prefill: true
});
var leaked = [];                           // THE LEAK: global, only ever grows
var leakRng = c.mulberry32(SEED + 1000);
c.Ticker(SECONDS, function (ms) {
  svc.step(ms);
  var due = Math.floor(RATE * 1024 / RECORD_KB * ms / 60000);
  while (leaked.length < due) leaked.push(c.makeEntry(leakRng, leaked.length, RECORD_KB));
}, function (ms) {
  console.log('slow-leak.js done: ' + ms + ' ms, leaked ' + leaked.length + ' records (~' +
    (leaked.length * RECORD_KB / 1024).toFixed(1) + ' MB), requests=' + svc.nreq + ' checksum=' + svc.checksum);
});
