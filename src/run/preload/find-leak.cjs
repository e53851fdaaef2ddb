'use strict';
// Takes heap snapshots of a running app at moments chosen from its own GCs: once the warm-up is over,
// then each time the floor (the heap left after a major GC) has grown clearly since the last one; at
// most maxSnapshots and maxDiskMb. Plain CommonJS with no syntax newer than Node 12, so that loading
// it never breaks an older Node; it acts only on Node 18+ (v8.writeHeapSnapshot, 'gc' performance
// entries with their kind), in the main thread and in every worker.
//
//   require('./find-leak.cjs').install({ dir, maxSnapshots, maxDiskMb, log })
//   GCLOG_FIND_LEAK_DIR=snaps node --require ./find-leak.cjs app.js     (installs itself)

var MB = 1024 * 1024;

var DEFAULTS = {
  maxSnapshots: 5,
  maxDiskMb: 2048,
  // The warm-up: this many major GCs and this much time before the first snapshot.
  warmupMajorGcs: 2,
  warmupMs: 2000,
  // "Clearly grown": the floor at this major GC above the floor at the last snapshot by this
  // fraction of it and by at least this many MB.
  growthFraction: 0.1,
  minGrowthMb: 1,
};

/** A snapshot file is about this many times the used heap (V8's JSON with its strings). */
var FILE_TO_HEAP_RATIO = 2;

function nodeMajor() {
  return Number(process.versions.node.split('.')[0]);
}

function formatMb(bytes) {
  return (bytes / MB).toFixed(1) + ' MB';
}

function pick(options, name) {
  return options && options[name] !== undefined && options[name] !== null ? options[name] : DEFAULTS[name];
}

/** The rule for the next snapshot: the floor rose by growthFraction of the last snapshot's floor, and by minGrowthBytes at least. */
function floorGrewClearly(floorAtLastSnapshot, floor, growthFraction, minGrowthBytes) {
  return floor - floorAtLastSnapshot >= Math.max(floorAtLastSnapshot * growthFraction, minGrowthBytes);
}

/** The handle of this thread's watcher: installing twice (the env and a call) must not take every snapshot twice. */
var installed = null;

/**
 * Starts watching. Returns { snapshots(): paths written, oldest first; stop() }, or null when this
 * Node cannot take snapshots (before 18), after saying so through `log`.
 */
function install(options) {
  if (installed !== null) return installed;
  var log = (options && options.log) || function () {};
  var v8 = require('v8');
  var perfHooks = require('perf_hooks');
  if (nodeMajor() < 18 || typeof v8.writeHeapSnapshot !== 'function' || typeof perfHooks.PerformanceObserver !== 'function') {
    log('find-leak needs Node 18 or newer (this is ' + process.version + '): no heap snapshots taken');
    return null;
  }
  var fs = require('fs');
  var path = require('path');
  var threads = require('worker_threads');
  var dir = options && options.dir;
  if (typeof dir !== 'string' || dir === '') throw new TypeError('find-leak: install({ dir }) needs the folder to write snapshots to');
  fs.mkdirSync(dir, { recursive: true });

  var maxSnapshots = Math.max(3, Math.floor(pick(options, 'maxSnapshots')));
  var maxDiskBytes = pick(options, 'maxDiskMb') * MB;
  var warmupMajorGcs = pick(options, 'warmupMajorGcs');
  var warmupMs = pick(options, 'warmupMs');
  var growthFraction = pick(options, 'growthFraction');
  var minGrowthBytes = pick(options, 'minGrowthMb') * MB;
  var where = threads.isMainThread ? 'main thread' : 'worker ' + threads.threadId;
  var prefix = 'gclog-' + process.pid + '-' + threads.threadId + '-';
  var startedMs = Date.now();
  var majorGcs = 0;
  var floor = 0;
  var floorAtLastSnapshot = null;
  var written = [];
  var diskBytes = 0;
  var pending = false;
  var stopped = false;
  var saidCapped = false;

  function floorCleared(candidate) {
    return floorAtLastSnapshot === null || floorGrewClearly(floorAtLastSnapshot, candidate, growthFraction, minGrowthBytes);
  }

  function take() {
    pending = false;
    if (stopped) return;
    var heapBytes = v8.getHeapStatistics().used_heap_size;
    var estimate = heapBytes * FILE_TO_HEAP_RATIO;
    if (written.length >= maxSnapshots || diskBytes + estimate > maxDiskBytes) {
      if (!saidCapped) {
        saidCapped = true;
        log(where + ': the floor grew to ' + formatMb(floor) + ' but no more snapshots are taken: ' +
          (written.length >= maxSnapshots ? written.length + ' taken, the most allowed' : 'the next would pass the ' + formatMb(maxDiskBytes) + ' disk cap (' + formatMb(diskBytes) + ' written)'));
      }
      return;
    }
    var number = written.length + 1;
    var file = path.join(dir, prefix + number + '.heapsnapshot');
    var why = floorAtLastSnapshot === null
      ? 'after the warm-up (' + majorGcs + ' major GCs), floor ' + formatMb(floor)
      : 'the floor grew from ' + formatMb(floorAtLastSnapshot) + ' to ' + formatMb(floor);
    log(where + ': heap snapshot ' + number + ' of at most ' + maxSnapshots + ', ' + why +
      ': the app pauses while it is written, and needs about ' + formatMb(heapBytes) + ' more memory meanwhile (the heap\'s size)');
    var started = process.hrtime();
    try {
      v8.writeHeapSnapshot(file);
    } catch (error) {
      log(where + ': heap snapshot ' + number + ' failed (' + (error && error.message) + '); no more are taken');
      stopped = true;
      return;
    }
    var elapsed = process.hrtime(started);
    var size = fs.statSync(file).size;
    diskBytes += size;
    written.push(file);
    floorAtLastSnapshot = floor;
    log(where + ': wrote ' + file + ' (' + formatMb(size) + ') in ' + (elapsed[0] + elapsed[1] / 1e9).toFixed(2) + ' s, the app paused meanwhile');
  }

  function onMajorGc() {
    if (stopped) return;
    majorGcs++;
    // The observer runs soon after the GC: the heap used then is its floor, give or take what the
    // app allocated in between.
    var used = v8.getHeapStatistics().used_heap_size;
    if (pending) return;
    if (majorGcs < warmupMajorGcs || Date.now() - startedMs < warmupMs) return;
    if (!floorCleared(used)) return;
    floor = used;
    // Outside the observer's callback: the snapshot's own GCs report entries too.
    pending = true;
    setImmediate(take);
  }

  var majorKind = perfHooks.constants.NODE_PERFORMANCE_GC_MAJOR;
  var observer = new perfHooks.PerformanceObserver(function (list) {
    var entries = list.getEntries();
    for (var index = 0; index < entries.length; index++) {
      var entry = entries[index];
      var kind = entry.detail ? entry.detail.kind : entry.kind;
      if (kind === majorKind) onMajorGc();
    }
  });
  observer.observe({ entryTypes: ['gc'] });

  installed = {
    snapshots: function () {
      return written.slice();
    },
    stop: function () {
      stopped = true;
      observer.disconnect();
      installed = null;
    },
  };
  return installed;
}

/** GCLOG_FIND_LEAK_DIR (and _MAX_SNAPSHOTS, _MAX_DISK_MB) set when this file is required: install with them, messages on stderr. */
function installFromEnvironment(env) {
  var dir = env.GCLOG_FIND_LEAK_DIR;
  if (!dir) return null;
  var number = function (name) {
    var value = env[name];
    return value !== undefined && value !== '' && isFinite(Number(value)) && Number(value) > 0 ? Number(value) : undefined;
  };
  return install({
    dir: dir,
    maxSnapshots: number('GCLOG_FIND_LEAK_MAX_SNAPSHOTS'),
    maxDiskMb: number('GCLOG_FIND_LEAK_MAX_DISK_MB'),
    warmupMs: number('GCLOG_FIND_LEAK_WARMUP_MS'),
    log: function (line) {
      process.stderr.write('gclog: ' + line + '\n');
    },
  });
}

module.exports = { install: install, installFromEnvironment: installFromEnvironment, floorGrewClearly: floorGrewClearly, DEFAULTS: DEFAULTS };

installFromEnvironment(process.env);
