'use strict';
// batch.js -- a batch job: request churn with a small cache (1000 entries of
// ~5 KB, ~5 MB live) whose entries are replaced 2000 times a second (so that
// old space fills with dead entries and Mark-Compacts come every few seconds
// between batches: with fewer of them, V8 12+ can go 30 s without one and
// every Mark-Compact may fall inside a hold, hiding the release), and, every
// 15 s starting at t = 5 s, a batch that
// builds ~40 MB of records (35..45 MB, seeded), holds them for 5 s, then drops
// them all. The heap goes up by ~40 MB and comes back down each period.
// Run it for 45 s or more to see 3 batches. Stops by itself after `seconds`.
// Label: no leak (temporary retention, released).
//
// usage: node [gc flags] batch.js [seconds=45] [seed=1] [batchMb=40] [periodS=15] [holdS=5]
//        [reqPerSec=1500] [writesPerSec=2000]
// Plain CommonJS; runs on Node 12 .. 26.
var c = require('./common.js');
var SECONDS = c.argNum(2, 45);
var SEED = c.argNum(3, 1);
var BATCH_MB = c.argNum(4, 40);
var PERIOD_MS = c.argNum(5, 15) * 1000;
var HOLD_MS = c.argNum(6, 5) * 1000;
var FIRST_MS = 5000;
var rng = c.mulberry32(SEED);
var svc = new c.Service({ rng: rng, cacheEntries: 1000, entryKb: 5, reqPerSec: c.argNum(7, 1500), writesPerSec: c.argNum(8, 2000), prefill: true });
var batch = null, batchNo = 0, held = 0;
c.Ticker(SECONDS, function (ms) {
  svc.step(ms);
  var k = Math.floor((ms - FIRST_MS) / PERIOD_MS);
  var inHold = ms >= FIRST_MS && (ms - FIRST_MS) - k * PERIOD_MS < HOLD_MS;
  if (inHold && batch === null && k === batchNo) {
    // build the batch: records of ~8 KB until the seeded size is reached
    var mb = BATCH_MB * (0.875 + 0.25 * rng());
    var n = Math.floor(mb * 1024 / 8);
    batch = new Array(n);
    for (var i = 0; i < n; i++) batch[i] = c.makeEntry(rng, i, 8);
    held = mb;
    console.log('batch.js: batch ' + batchNo + ' built at ' + ms + ' ms, ~' + mb.toFixed(1) + ' MB in ' + n + ' records');
  } else if (!inHold && batch !== null) {
    batch = null;                          // release the whole batch
    console.log('batch.js: batch ' + batchNo + ' released at ' + ms + ' ms');
    batchNo++;
  }
}, function (ms) {
  console.log('batch.js done: ' + ms + ' ms, batches=' + (batchNo + (batch ? 1 : 0)) + ' lastBatchMb=' + held.toFixed(1) +
    ' requests=' + svc.nreq + ' checksum=' + svc.checksum);
});
