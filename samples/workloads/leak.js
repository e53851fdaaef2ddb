'use strict';
// leak.js -- the classic leak: a global array that grows forever
// (leakobjs.push(new LeakClass())), on top of the same request churn and
// fixed-size cache as steady.js. The post-GC heap floor rises with every
// Mark-Compact. The run stops by elapsed time or by leaked-object count,
// well before the default heap limit, so it never runs out of memory.
//
// usage: node [gc flags] leak.js [seconds=20] [maxLeaked=400000] [leakEvery=2]
//        [requestsPerIter=20] [cacheWritesPerIter=20] [blobLen=256]
// Plain CommonJS; runs on Node 8 .. 26.
var DURATION_MS = Number(process.argv[2] || 20) * 1000;
var MAX_LEAKED = Number(process.argv[3] || 400000);
var LEAK_EVERY = Number(process.argv[4] || 2);   // leak one object every N iterations
var REQUESTS_PER_ITER = Number(process.argv[5] || 20);
var CACHE_WRITES_PER_ITER = Number(process.argv[6] || 20);
var CACHE_SIZE = 10000;
var ENTRY_OBJECTS = 16;
var BLOB_LEN = Number(process.argv[7] || 256);

// ---- the leak ----
function LeakClass(i) {
  this.id = i;
  this.createdAt = Date.now();
  this.data = new Array(100);              // ~0.8 KB of element storage
  for (var k = 0; k < 100; k++) this.data[k] = i + k * 0.5;
  this.label = 'leaked-object-' + i;
}
var leakobjs = [];                         // global, never cleared: THE LEAK

// ---- same churn as steady.js ----
var cache = new Array(CACHE_SIZE);
var checksum = 0;

function makeRequest(i) {
  return {
    id: i,
    method: i % 3 === 0 ? 'POST' : 'GET',
    path: '/api/items/' + (i % 5000),
    headers: { 'user-agent': 'leak/1.0', 'x-request-id': 'req-' + i },
    query: { page: i % 10, size: 20 },
    body: [i, i + 1, i + 2, i + 3, i + 4, i + 5, i + 6, i + 7]
  };
}

function handle(req) {
  var parts = [];
  for (var k = 0; k < 4; k++) parts.push(req.path + '#' + k);
  return JSON.stringify({ id: req.id, parts: parts, q: req.query }).length;
}

function makeEntry(i) {
  var payload = new Array(ENTRY_OBJECTS);
  for (var k = 0; k < payload.length; k++) payload[k] = { n: i + k };
  var blob = new Array(BLOB_LEN);          // cached response body (~2 KB), promoted then evicted
  for (var b = 0; b < BLOB_LEN; b++) blob[b] = (i + b) & 1023;
  return { key: 'item:' + i, created: i, payload: payload, blob: blob, text: 'value-' + i + '-' + (i * 7919) };
}

var start = Date.now();
var iter = 0, reqId = 0, entryId = 0, leaked = 0;
while (leaked < MAX_LEAKED && Date.now() - start < DURATION_MS) {
  for (var r = 0; r < REQUESTS_PER_ITER; r++) {
    checksum = (checksum + handle(makeRequest(reqId++))) | 0;
  }
  for (var w = 0; w < CACHE_WRITES_PER_ITER; w++) {
    cache[entryId % CACHE_SIZE] = makeEntry(entryId);
    entryId++;
  }
  if (iter % LEAK_EVERY === 0) {
    leakobjs.push(new LeakClass(leaked++));
  }
  iter++;
}
console.log('leak done: iterations=' + iter + ' requests=' + reqId + ' leaked=' + leakobjs.length +
  ' checksum=' + checksum + ' elapsedMs=' + (Date.now() - start));
