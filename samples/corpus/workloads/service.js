'use strict';
// service.js -- a steady service: paced request churn (short-lived objects, a
// JSON round trip per request) plus a fixed-size ring cache that is filled at
// start and whose entries are then replaced continually (random slot), so
// promoted objects keep dying in old space while the live set stays flat
// (about 20 MB with the defaults: 4000 entries of ~5 KB). The seed drives the
// request sizes and the entry sizes/slots. Stops by itself after `seconds`.
// Label: no leak.
//
// usage: node [gc flags] service.js [seconds=30] [seed=1] [cacheEntries=4000]
//        [entryKb=5] [reqPerSec=2500] [writesPerSec=800]
// Plain CommonJS; runs on Node 12 .. 26.
var c = require('./common.js');
var SECONDS = c.argNum(2, 30);
var SEED = c.argNum(3, 1);
var svc = new c.Service({
  rng: c.mulberry32(SEED),
  cacheEntries: c.argNum(4, 4000),
  entryKb: c.argNum(5, 5),
  reqPerSec: c.argNum(6, 2500),
  writesPerSec: c.argNum(7, 800),
  prefill: true
});
c.Ticker(SECONDS, function (ms) { svc.step(ms); }, function (ms) {
  console.log('service.js done: ' + ms + ' ms, requests=' + svc.nreq + ' cacheWrites=' + svc.nwrites + ' checksum=' + svc.checksum);
});
