'use strict';
// forced.js -- a quiet service that forces its own GCs: every tick (timer-driven, so the
// process is idle in between) it handles a small batch of request-like objects, then calls
// global.gc() -- a full GC -- on even ticks and global.gc({type: 'minor'}) on odd ticks, which
// V8 (Node 20+) runs as a young-generation GC. Both print reason "testing". The cache is
// fixed-size, so the live set stays flat.
//
// usage: node --expose-gc [gc flags] forced.js [seconds=6] [tickMs=250]
// Plain CommonJS; needs --expose-gc.
var DURATION_MS = Number(process.argv[2] || 6) * 1000;
var TICK_MS = Number(process.argv[3] || 250);
var CACHE_SIZE = 2000;
var cache = new Array(CACHE_SIZE);
var start = Date.now();
var tick = 0, reqId = 0, checksum = 0;

function handle(i) {
  var req = { id: i, path: '/api/items/' + (i % 500), body: [i, i + 1, i + 2, i + 3] };
  var res = JSON.stringify({ id: req.id, path: req.path, body: req.body });
  return res.length;
}

var timer = setInterval(function () {
  for (var r = 0; r < 2000; r++) {
    checksum = (checksum + handle(reqId)) | 0;
    cache[reqId % CACHE_SIZE] = { id: reqId, text: 'value-' + reqId };
    reqId++;
  }
  if (tick % 2 === 0) global.gc();
  else global.gc({ type: 'minor' });
  tick++;
  if (Date.now() - start >= DURATION_MS) {
    clearInterval(timer);
    console.log('forced done: ticks=' + tick + ' requests=' + reqId + ' checksum=' + checksum +
      ' elapsedMs=' + (Date.now() - start));
  }
}, TICK_MS);
