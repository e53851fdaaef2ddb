'use strict';
// common.js -- shared pieces of the corpus workloads (not a workload itself):
//   * mulberry32(seed): a tiny seeded PRNG, so that two seeds give two
//     different (but reproducible in shape) request/entry size sequences;
//   * handleRequest(rng, id): one "request": short-lived objects, a JSON
//     round trip, all garbage once it returns (~5-15 KB, seeded);
//   * makeEntry(rng, id, kb): a cache entry of about `kb` KB (a double array
//     plus a few small objects and strings); it lives as long as the cache
//     keeps it, so it is promoted to old space;
//   * Ticker: a wall-clock-paced loop (setTimeout every TICK_MS) that calls
//     step(elapsedMs) until the duration is over, then done(). Work is paced by
//     elapsed time, not by iterations, so the allocation rate is about the
//     same on every Node version and the process is not 100% busy.
// Plain CommonJS, no syntax newer than Node 12 (and Node 0.10 with the Math.imul below).
var TICK_MS = 10;

// Node 0.10 (V8 3.14) has no Math.imul; the same 32-bit multiply, so the old-Node corpus
// (samples/corpus/old-node) runs these workloads unchanged. Newer Node keeps its own.
if (!Math.imul) {
  Math.imul = function (a, b) {
    var aHi = (a >>> 16) & 0xffff, aLo = a & 0xffff, bHi = (b >>> 16) & 0xffff, bLo = b & 0xffff;
    return (aLo * bLo + (((aHi * bLo + aLo * bHi) << 16) >>> 0)) | 0;
  };
}

function mulberry32(seed) {
  var a = seed >>> 0;
  return function () {
    a = (a + 0x6D2B79F5) | 0;
    var t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// integer in [lo, hi]
function between(rng, lo, hi) {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

var METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'];

function handleRequest(rng, id) {
  var n = between(rng, 20, 100);
  var items = new Array(n);
  for (var k = 0; k < n; k++) {
    items[k] = { sku: 'item-' + ((id * 31 + k) % 100000), qty: k % 7, price: rng() * 100, tags: ['a' + (k % 5), 'b' + (k % 3)] };
  }
  var req = {
    id: id,
    method: METHODS[id % METHODS.length],
    path: '/api/orders/' + (id % 5000),
    headers: { 'user-agent': 'corpus/1.0', 'x-request-id': 'req-' + id },
    items: items
  };
  var body = JSON.stringify(req);
  var back = JSON.parse(body);
  return (body.length + back.items.length) | 0;
}

// a cache entry of about kb KB
function makeEntry(rng, id, kb) {
  var doubles = Math.max(16, Math.floor((kb * 1024 - 600) / 8));
  var rows = new Array(doubles);
  for (var k = 0; k < doubles; k++) rows[k] = rng() * 1000;
  var meta = new Array(6);
  for (var j = 0; j < 6; j++) meta[j] = { field: 'f' + j, value: id + j, note: 'entry-' + id + '-' + j };
  return { key: 'key-' + id, createdAt: Date.now(), hits: 0, rows: rows, meta: meta };
}

// Ticker(seconds, step, done): calls step(elapsedMs) every TICK_MS ms of wall
// time until `seconds` have passed, then done() once.
function Ticker(seconds, step, done) {
  var start = Date.now();
  var endMs = seconds * 1000;
  function tick() {
    var elapsed = Date.now() - start;
    if (elapsed >= endMs) { done(elapsed); return; }
    step(elapsed);
    setTimeout(tick, TICK_MS);
  }
  setTimeout(tick, 0);
}

// paced counter: how many units are due at elapsedMs for a rate per second,
// with at most maxPerTick at once (so that a late tick does not spiral)
function Pacer(perSecond, maxPerTick) {
  this.perSecond = perSecond;
  this.maxPerTick = maxPerTick;
  this.done = 0;
}
Pacer.prototype.due = function (elapsedMs) {
  var target = Math.floor(this.perSecond * elapsedMs / 1000);
  var n = target - this.done;
  if (n > this.maxPerTick) { n = this.maxPerTick; this.done = target - n; }
  if (n < 0) n = 0;
  this.done += n;
  return n;
};

// a steady service: paced request churn plus a fixed-size ring cache that is
// filled at start and whose entries are replaced continually.
//   opts: rng, cacheEntries, entryKb, reqPerSec, writesPerSec, prefill
function Service(opts) {
  this.rng = opts.rng;
  this.cacheEntries = opts.cacheEntries;
  this.entryKb = opts.entryKb;
  this.cache = new Array(opts.cacheEntries);
  this.requests = new Pacer(opts.reqPerSec, Math.ceil(opts.reqPerSec / 10));
  this.writes = new Pacer(opts.writesPerSec, Math.ceil(opts.writesPerSec / 10));
  this.nreq = 0;
  this.nwrites = 0;
  this.checksum = 0;
  if (opts.prefill) {
    for (var i = 0; i < this.cacheEntries; i++) this.writeEntry();
  }
}
Service.prototype.entrySizeKb = function () {
  // seeded size around entryKb: 0.5x .. 1.5x
  return this.entryKb * (0.5 + this.rng());
};
Service.prototype.writeEntry = function () {
  // the first cacheEntries writes fill the slots in order, later ones replace
  // a random slot (the cache stays at cacheEntries entries)
  var id = this.nwrites++;
  var slot = id < this.cacheEntries ? id : between(this.rng, 0, this.cacheEntries - 1);
  this.cache[slot] = makeEntry(this.rng, id, this.entrySizeKb());
};
Service.prototype.step = function (elapsedMs) {
  var n = this.requests.due(elapsedMs);
  for (var r = 0; r < n; r++) this.checksum = (this.checksum + handleRequest(this.rng, this.nreq++)) | 0;
  var w = this.writes.due(elapsedMs);
  for (var k = 0; k < w; k++) this.writeEntry();
};

function argNum(i, dflt) {
  var v = process.argv[i];
  return v === undefined || v === '' ? dflt : Number(v);
}

module.exports = {
  mulberry32: mulberry32,
  between: between,
  handleRequest: handleRequest,
  makeEntry: makeEntry,
  Ticker: Ticker,
  Pacer: Pacer,
  Service: Service,
  argNum: argNum
};
