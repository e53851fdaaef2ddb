'use strict';
// oom.js -- retains objects until the process dies out of memory: request
// churn as in service.js plus records of ~4 KB pushed to a global array at
// `rate` MB per second (paced by wall-clock time) and never released. With
// --max-old-space-size=48 the heap limit is reached after a few seconds and V8
// aborts with "FATAL ERROR: ... JavaScript heap out of memory" (exit 134).
// Safety net: if no OOM happened after `seconds`, prints so and exits 3.
//
// usage: node --trace-gc --max-old-space-size=48 oom.js [seconds=60] [seed=1] [rateMbPerSec=10]
// Label: leak (heap), ends in OOM.
// Plain CommonJS; runs on Node 12 .. 26.
var c = require('./common.js');
var SECONDS = c.argNum(2, 60);
var SEED = c.argNum(3, 1);
var RATE = c.argNum(4, 10);
var RECORD_KB = 4;
var svc = new c.Service({ rng: c.mulberry32(SEED), cacheEntries: 1000, entryKb: 5, reqPerSec: 1500, writesPerSec: 300, prefill: true });
var hog = [];
var rng = c.mulberry32(SEED + 1000);
var lastReport = 0;
c.Ticker(SECONDS, function (ms) {
  svc.step(ms);
  var due = Math.floor(RATE * 1024 / RECORD_KB * ms / 1000);
  while (hog.length < due) hog.push(c.makeEntry(rng, hog.length, RECORD_KB));
  if (ms - lastReport >= 1000) {
    lastReport = ms;
    console.log('oom.js: ' + ms + ' ms, retained ' + hog.length + ' records (~' + (hog.length * RECORD_KB / 1024).toFixed(1) + ' MB)');
  }
}, function (ms) {
  console.log('oom.js: no OOM after ' + ms + ' ms, retained ' + hog.length);
  process.exit(3);
});
