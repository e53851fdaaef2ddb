// gclog run's preload: loaded by every Node process under `gclog run` (NODE_OPTIONS=--require),
// it turns the GC trace on and names the process in the log. Node refuses --trace-gc in
// NODE_OPTIONS, but allows a preload that sets the flag at run time.
//
// Plain CommonJS with nothing newer than Node 12 (it runs in whatever Node the user's command
// starts), and it never throws: a failure here must not break the user's app.
'use strict';

(function gclogPreload() {
  var env = process.env;
  var flags = env.GCLOG_RUN_V8_FLAGS;
  if (!flags) return;
  try {
    var fs = require('fs');
    var v8 = require('v8');
    var threadId = 0;
    try {
      threadId = require('worker_threads').threadId;
    } catch (error) {
      // Node 8 and 10 without --experimental-worker: no workers, the main thread.
    }
    // The V8 trace goes to this process's stdout. Where that is not gclog's pipe (a parent reads it,
    // e.g. execSync('node -v')), tracing would put GC lines into the parent's data: skip the process
    // and say so in a side file.
    var traced = stdoutIsGclogPipe(fs, env.GCLOG_RUN_STDOUT_ID);
    var record = {
      v: 1,
      pid: process.pid,
      ppid: process.ppid,
      threadId: threadId,
      argv: clip(process.argv),
      execArgv: clip(process.execArgv),
      node: process.version,
      timeOriginMs: timeOrigin(),
      wallMs: Date.now(),
    };
    if (env.npm_lifecycle_event && threadId === 0) record.npmScript = env.npm_lifecycle_event;
    // A cluster worker runs the same command as its primary: its worker id tells them apart (Node
    // has already taken NODE_UNIQUE_ID out of the environment when a preload runs).
    if (threadId === 0) {
      var cluster = require('cluster');
      if (cluster.isWorker && cluster.worker) record.clusterWorker = cluster.worker.id;
    }
    if (!traced) {
      record.untraced = stdoutKind(fs);
      if (env.GCLOG_RUN_DIR) fs.appendFileSync(env.GCLOG_RUN_DIR + '/untraced.ndjson', JSON.stringify(record) + '\n');
      return;
    }
    // The name first: gclog takes a line of V8's only from a pid it has seen named. One write, well
    // under PIPE_BUF: never split by another process writing to the same pipe.
    fs.writeSync(1, 'gclog:process ' + JSON.stringify(record) + '\n');
    v8.setFlagsFromString(flags);
    // The end of the process's life (not on a crash): the time its GC share is a share of.
    process.on('exit', function () {
      try {
        fs.writeSync(1, 'gclog:exit ' + JSON.stringify({ v: 1, pid: process.pid, threadId: threadId, uptimeMs: Math.round(process.uptime() * 1000) }) + '\n');
      } catch (error) {
        // stdout already closed.
      }
    });
  } catch (error) {
    // Tracing is an aid: if anything above fails, the app runs as it would without gclog.
  }

  // gclog's pipe is a FIFO whose device and inode gclog puts in GCLOG_RUN_STDOUT_ID before starting
  // the command. Without it (no FIFO could be made), every Node process is traced.
  function stdoutIsGclogPipe(fs, expected) {
    if (!expected) return true;
    var stat = fs.fstatSync(1);
    return stat.dev + ':' + stat.ino === expected;
  }

  function stdoutKind(fs) {
    try {
      var stat = fs.fstatSync(1);
      if (stat.isFile()) return 'file';
      if (stat.isFIFO() || stat.isSocket()) return 'pipe';
      if (stat.isCharacterDevice()) return 'terminal';
    } catch (error) {
      // A closed stdout.
    }
    return 'other';
  }

  // A command line of any length must still fit one write the pipe keeps whole (PIPE_BUF, 4 KB).
  function clip(words) {
    return words.slice(0, 40).map(function (word) {
      return word.length > 80 ? word.slice(0, 79) + '\u2026' : word;
    });
  }

  function timeOrigin() {
    try {
      return require('perf_hooks').performance.timeOrigin;
    } catch (error) {
      return null;
    }
  }
})();
