'use strict';
// A simulated service with four known leaks and two known non-leaks, for `gclog heapdiff`.
// It serves REQUESTS fake requests in a loop and writes a heap snapshot (v8.writeHeapSnapshot,
// Node >= 11.13) after each SNAPSHOT_EVERY requests, into OUT_DIR.
//
//   node leaky-service.cjs OUT_DIR [SNAPSHOT_EVERY=1000] [SNAPSHOTS=3] [SCALE=1] [WORKLOADS=all]
//
// WORKLOADS is a comma-separated list of grants,listeners,closures,cache,lru,batch,inflight
// (default: the first six; inflight keeps the last 5,000 requests' parsed headers in a ring, replaced
// as requests come: garbage that lives long enough to reach the old space, so major GCs come often).
//
// Leaks (each grows at every step, by design):
//   Grant            kept in the Map `grantsByRequest`, never trimmed
//   RequestContext   captured by a listener `onConfigChange` added to `configBus` per request
//   Buffer           16 KB captured by a closure `flushChunk` pushed to `shutdownHooks` every 10 requests
//   CacheEntry       in the object `responseCache`, a cache without a bound
// Non-leaks:
//   LruEntry         in a Map `recentUsers` kept at 300 entries (replaced, never more)
//   BatchRow         a batch job's temporary array of 3000 rows, alive for 300 requests in every
//                    2000 (in flight at the 2nd snapshot, gone at the 1st and 3rd)
// Without a snapshot directory (OUT_DIR = -), it only runs: `node --require find-leak.cjs` takes
// the snapshots then.

const { EventEmitter } = require('events');
const v8 = require('v8');
const path = require('path');

const outDir = process.argv[2] || '-';
const snapshotEvery = Number(process.argv[3] || 1000);
const snapshots = Number(process.argv[4] || 3);
const scale = Number(process.argv[5] || 1);
const requests = snapshotEvery * snapshots;
const workloads = (process.argv[6] || 'grants,listeners,closures,cache,lru,batch').split(',');
const runs = {};
for (const name of workloads) runs[name] = true;

class Grant {
  constructor(requestId, user) {
    this.requestId = requestId;
    this.user = user;
    this.scopes = ['read', 'write'];
    this.issuedAt = requestId * 1000;
  }
}
const grantsByRequest = new Map();

class RequestContext {
  constructor(requestId) {
    this.requestId = requestId;
    this.headers = { host: 'example.test', 'x-request-id': String(requestId) };
  }
}
const configBus = new EventEmitter();
configBus.setMaxListeners(0);

const shutdownHooks = [];

class CacheEntry {
  constructor(url, body) {
    this.url = url;
    this.body = body;
    this.hits = 1;
  }
}
const responseCache = {};

class LruEntry {
  constructor(user, lastSeen) {
    this.user = user;
    this.lastSeen = lastSeen;
  }
}
const recentUsers = new Map();
const RECENT_USERS_CAP = 300;

class BatchRow {
  constructor(index) {
    this.index = index;
    this.total = index * 2;
  }
}
let batchInFlight = null;

const INFLIGHT_SLOTS = 5000;
const inflightRing = new Array(INFLIGHT_SLOTS).fill(null);

function handleRequest(requestId) {
  const user = 'user-' + (requestId % 997);
  if (runs.grants) {
    for (let copy = 0; copy < scale; copy++) grantsByRequest.set(requestId + '/' + copy, new Grant(requestId, user));
  }

  if (runs.listeners) {
    const context = new RequestContext(requestId);
    configBus.on('change', function onConfigChange() {
      return context.requestId;
    });
  }

  if (runs.closures && requestId % 10 === 0) {
    const chunk = Buffer.alloc(16 * 1024 * scale, requestId % 256);
    shutdownHooks.push(function flushChunk() {
      return chunk.length;
    });
  }

  if (runs.cache) {
    const url = '/items/' + requestId;
    responseCache[url] = new CacheEntry(url, 'item ' + requestId + ' '.repeat(64));
  }

  if (runs.lru) {
    recentUsers.delete(user);
    recentUsers.set(user, new LruEntry(user, requestId));
    if (recentUsers.size > RECENT_USERS_CAP) recentUsers.delete(recentUsers.keys().next().value);
  }

  if (runs.inflight) {
    const parsed = [];
    for (let header = 0; header < 8; header++) parsed.push({ name: 'x-header-' + header, value: 'value ' + requestId + ' ' + header });
    inflightRing[requestId % INFLIGHT_SLOTS] = parsed;
  }

  // The batch job: starts 200 requests before every 2000th and ends 100 after it.
  if (runs.batch && requestId % 2000 === 1800) {
    batchInFlight = [];
    for (let index = 0; index < 3000 * scale; index++) batchInFlight.push(new BatchRow(index));
  }
  if (requestId % 2000 === 100) batchInFlight = null;
}

let requestId = 0;
function serveSome() {
  for (let count = 0; count < 50 && requestId < requests; count++) {
    requestId++;
    handleRequest(requestId);
    if (outDir !== '-' && requestId % snapshotEvery === 0) {
      const file = path.join(outDir, 'leaky-service-' + requestId / snapshotEvery + '.heapsnapshot');
      v8.writeHeapSnapshot(file);
    }
  }
  if (requestId < requests) setTimeout(serveSome, 1);
}
serveSome();
