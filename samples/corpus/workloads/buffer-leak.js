'use strict';
// buffer-leak.js -- an EXTERNAL-memory leak: light request churn with a small
// replaced cache (1000 entries, ~5 MB of JS heap), plus Buffers of 64 KB
// (Buffer.alloc: outside the JS heap, zero-filled so the pages are real) that
// are kept forever in a global array, `rate` MB per second paced by wall-clock
// time. External memory grows to seconds*rate MB (e.g. 25 s at 12 MB/s: 300 MB)
// while the JS heap stays small. Run it with --trace-gc --trace-gc-verbose to
// see the external memory in the logs. Keep seconds*rate under ~800 MB.
// Stops by itself after `seconds`.
// Label: leak (external).
//
// usage: node [gc flags] buffer-leak.js [seconds=20] [seed=1] [rateMbPerSec=12]
// Plain CommonJS; runs on Node 12 .. 26.
var c = require('./common.js');
var SECONDS = c.argNum(2, 20);
var SEED = c.argNum(3, 1);
var RATE = c.argNum(4, 12);                // MB per second
var rng = c.mulberry32(SEED);
var svc = new c.Service({ rng: rng, cacheEntries: 1000, entryKb: 5, reqPerSec: 1500, writesPerSec: 300, prefill: true });
var buffers = [];                          // THE LEAK: Buffers never released
c.Ticker(SECONDS, function (ms) {
  svc.step(ms);
  var due = Math.floor(RATE * 16 * ms / 1000);   // 16 buffers of 64 KB per MB
  while (buffers.length < due) buffers.push(Buffer.alloc(64 * 1024, buffers.length & 255));
}, function (ms) {
  console.log('buffer-leak.js done: ' + ms + ' ms, ' + buffers.length + ' buffers (' + (buffers.length / 16).toFixed(1) +
    ' MB external), rss=' + Math.round(process.memoryUsage().rss / 1048576) + ' MB, requests=' + svc.nreq);
});
