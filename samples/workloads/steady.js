'use strict';
// steady.js -- a steady "service": request-like churn (short-lived objects) plus
// an LRU-ish cache of fixed size whose entries are replaced continually, so that
// promoted (old-space) objects keep dying. The live set stays flat.
//
// usage: node [gc flags] steady.js [seconds=20] [maxIterations=inf] [cacheSize=10000]
//        [requestsPerIter=20] [cacheWritesPerIter=20]
// Plain CommonJS; runs on Node 8 .. 26.
var DURATION_MS = Number(process.argv[2] || 20) * 1000;
var MAX_ITERS = Number(process.argv[3] || Infinity);
var CACHE_SIZE = Number(process.argv[4] || 10000);
var REQUESTS_PER_ITER = Number(process.argv[5] || 20);
var CACHE_WRITES_PER_ITER = Number(process.argv[6] || 20);
var ENTRY_OBJECTS = 16;
var BLOB_LEN = 256;

var cache = new Array(CACHE_SIZE); // ring buffer: slot i holds entry (i mod size)
var hits = 0, misses = 0, checksum = 0;

function makeRequest(i) {
  return {
    id: i,
    method: i % 3 === 0 ? 'POST' : 'GET',
    path: '/api/items/' + (i % 5000),
    headers: { 'user-agent': 'steady/1.0', 'x-request-id': 'req-' + i },
    query: { page: i % 10, size: 20 },
    body: [i, i + 1, i + 2, i + 3, i + 4, i + 5, i + 6, i + 7]
  };
}

function handle(req) {
  // build a response with some temporary strings/arrays (die young)
  var parts = [];
  for (var k = 0; k < 4; k++) parts.push(req.path + '#' + k);
  var res = { status: 200, body: JSON.stringify({ id: req.id, parts: parts, q: req.query }) };
  return res.body.length;
}

function makeEntry(i) {
  // ~2.5 KB entry; survives long enough to be promoted, then is evicted while in old space
  var payload = new Array(ENTRY_OBJECTS);
  for (var k = 0; k < payload.length; k++) payload[k] = { n: i + k };
  var blob = new Array(BLOB_LEN);          // cached response body (~2 KB)
  for (var b = 0; b < BLOB_LEN; b++) blob[b] = (i + b) & 1023;
  return { key: 'item:' + i, created: i, payload: payload, blob: blob, text: 'value-' + i + '-' + (i * 7919) };
}

function cachePut(id, value) {
  // replaces the oldest entry (LRU-ish eviction of a fixed-size cache)
  cache[id % CACHE_SIZE] = value;
}

function cacheGet(id) {
  var v = cache[id % CACHE_SIZE];
  if (v !== undefined && v.created === id) { hits++; } else { misses++; }
  return v;
}

var start = Date.now();
var iter = 0, reqId = 0, entryId = 0;
while (iter < MAX_ITERS && Date.now() - start < DURATION_MS) {
  for (var r = 0; r < REQUESTS_PER_ITER; r++) {
    var req = makeRequest(reqId++);
    checksum = (checksum + handle(req)) | 0;
    cacheGet(entryId - 1 - ((reqId * 31) % CACHE_SIZE));
  }
  for (var w = 0; w < CACHE_WRITES_PER_ITER; w++) {
    cachePut(entryId, makeEntry(entryId));
    entryId++;
  }
  iter++;
}
console.log('steady done: iterations=' + iter + ' requests=' + reqId + ' cacheWrites=' + entryId +
  ' cacheSize=' + cache.length + ' hits=' + hits + ' misses=' + misses + ' checksum=' + checksum +
  ' elapsedMs=' + (Date.now() - start));
