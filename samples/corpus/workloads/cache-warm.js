'use strict';
// cache-warm.js -- a cache warming up: request churn as in service.js, plus a
// bounded cache (10000 entries of ~5 KB, about 50 MB) that starts EMPTY and is
// filled at an even pace during the first 40% of the run; once it is full,
// entries are replaced (random slot), never added. The live set grows, then
// plateaus at the bound until the end. The seed drives request and entry
// sizes. Stops by itself after `seconds`.
// Label: no leak (growth that stops at a bound).
//
// usage: node [gc flags] cache-warm.js [seconds=40] [seed=1] [cacheEntries=10000]
//        [entryKb=5] [fillFraction=0.4]
// Plain CommonJS; runs on Node 12 .. 26.
var c = require('./common.js');
var SECONDS = c.argNum(2, 40);
var SEED = c.argNum(3, 1);
var ENTRIES = c.argNum(4, 10000);
var FILL_MS = SECONDS * 1000 * c.argNum(6, 0.4);
var svc = new c.Service({
  rng: c.mulberry32(SEED),
  cacheEntries: ENTRIES,
  entryKb: c.argNum(5, 5),
  reqPerSec: 2500,
  writesPerSec: 800,
  prefill: false
});
var fullAtMs = -1;
c.Ticker(SECONDS, function (ms) {
  if (svc.nwrites < ENTRIES) {
    // warming: add entries in order until the cache holds ENTRIES
    var target = Math.min(ENTRIES, Math.ceil(ENTRIES * ms / FILL_MS));
    while (svc.nwrites < target) svc.writeEntry();
    svc.checksum = (svc.checksum + c.handleRequest(svc.rng, svc.nreq++)) | 0;
    var n = svc.requests.due(ms);
    for (var r = 0; r < n; r++) svc.checksum = (svc.checksum + c.handleRequest(svc.rng, svc.nreq++)) | 0;
    if (svc.nwrites >= ENTRIES) {
      fullAtMs = ms;
      svc.writes.done = Math.floor(svc.writes.perSecond * ms / 1000); // replacements start now
    }
  } else {
    svc.step(ms);                          // full: replacements only
  }
}, function (ms) {
  console.log('cache-warm.js done: ' + ms + ' ms, cache full at ' + fullAtMs + ' ms, requests=' + svc.nreq +
    ' cacheWrites=' + svc.nwrites + ' checksum=' + svc.checksum);
});
