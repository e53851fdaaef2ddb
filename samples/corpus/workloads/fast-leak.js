'use strict';
// fast-leak.js -- service.js (same churn, same 4000-entry cache, ~20 MB live)
// plus a FAST leak: records of ~4 KB are pushed to a global array at `rate`
// MB per second (paced by wall-clock time), so the heap climbs several-fold
// in a few seconds (e.g. 10 s at 25 MB/s retains ~250 MB). Keep
// seconds * rate under ~400 MB: well below the default heap limit.
// Stops by itself after `seconds`.
// Label: leak (heap), rate = the argument * 60 MB/min.
//
// usage: node [gc flags] fast-leak.js [seconds=10] [seed=1] [rateMbPerSec=25]
// Plain CommonJS; runs on Node 12 .. 26.
var c = require('./common.js');
var SECONDS = c.argNum(2, 10);
var SEED = c.argNum(3, 1);
var RATE = c.argNum(4, 25);                // MB per second
var RECORD_KB = 4;
var svc = new c.Service({ rng: c.mulberry32(SEED), cacheEntries: 4000, entryKb: 5, reqPerSec: 2500, writesPerSec: 800, prefill: true });
var leaked = [];                           // THE LEAK
var leakRng = c.mulberry32(SEED + 1000);
c.Ticker(SECONDS, function (ms) {
  svc.step(ms);
  var due = Math.floor(RATE * 1024 / RECORD_KB * ms / 1000);
  while (leaked.length < due) leaked.push(c.makeEntry(leakRng, leaked.length, RECORD_KB));
}, function (ms) {
  console.log('fast-leak.js done: ' + ms + ' ms, leaked ' + leaked.length + ' records (~' +
    (leaked.length * RECORD_KB / 1024).toFixed(1) + ' MB), requests=' + svc.nreq + ' checksum=' + svc.checksum);
});
