'use strict';
// workers.js -- main thread plus 2 worker_threads workers, each worker running
// the steady-service churn of service.js (paced requests + a replaced ring
// cache of 1500 entries of ~5 KB, ~8 MB live each) with its own seed
// (seed*10 + worker number). The main thread only does a little periodic work
// and waits. One --trace-gc log holds the GC lines of 3 isolates (same pid,
// different isolate addresses). Workers and main stop by themselves after
// `seconds`. Needs worker_threads (unflagged from Node 12).
// Label: no leak.
//
// usage: node [gc flags] workers.js [seconds=15] [seed=1]
// Plain CommonJS; runs on Node 12 .. 26.
var wt = require('worker_threads');
var c = require('./common.js');

if (wt.isMainThread) {
  var SECONDS = c.argNum(2, 15);
  var SEED = c.argNum(3, 1);
  var exited = 0;
  for (var w = 1; w <= 2; w++) {
    var worker = new wt.Worker(__filename, { workerData: { name: 'worker-' + w, seconds: SECONDS, seed: SEED * 10 + w } });
    worker.on('message', function (m) { console.log('main: ' + m); });
    worker.on('exit', function () {
      exited++;
      if (exited === 2) console.log('main: both workers exited');
    });
  }
  var rng = c.mulberry32(SEED);
  var ring = new Array(50), ticks = 0;
  c.Ticker(SECONDS, function () {
    if (ticks++ % 10 === 0) ring[ticks % 50] = c.handleRequest(rng, ticks);   // a request every ~100 ms
  }, function (ms) { console.log('main: done after ' + ms + ' ms'); });
} else {
  var d = wt.workerData;
  var svc = new c.Service({ rng: c.mulberry32(d.seed), cacheEntries: 1500, entryKb: 5, reqPerSec: 1500, writesPerSec: 300, prefill: true });
  c.Ticker(d.seconds, function (ms) { svc.step(ms); }, function (ms) {
    wt.parentPort.postMessage(d.name + ' done after ' + ms + ' ms, requests=' + svc.nreq + ' checksum=' + svc.checksum);
  });
}
