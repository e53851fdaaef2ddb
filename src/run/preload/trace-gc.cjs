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
    var traced = stdoutIsGclogPipe(fs, env.GCLOG_RUN_DIR);
    var record = {
      v: 1,
      pid: process.pid,
      ppid: process.ppid,
      threadId: threadId,
      argv: process.argv,
      execArgv: process.execArgv,
      node: process.version,
      timeOriginMs: timeOrigin(),
      wallMs: Date.now(),
    };
    if (env.npm_lifecycle_event && threadId === 0) record.npmScript = env.npm_lifecycle_event;
    if (!traced) {
      record.untraced = 'stdout is not gclog\'s pipe';
      if (env.GCLOG_RUN_DIR) fs.appendFileSync(env.GCLOG_RUN_DIR + '/untraced.ndjson', JSON.stringify(record) + '\n');
      return;
    }
    v8.setFlagsFromString(flags);
    // One write, well under PIPE_BUF: never split by another process writing to the same pipe.
    fs.writeSync(1, 'gclog:process ' + JSON.stringify(record) + '\n');
  } catch (error) {
    // Tracing is an aid: if anything above fails, the app runs as it would without gclog.
  }

  // gclog writes where its pipe is (`socket:[123]` from /proc) right after starting the command. A
  // process without /proc (macOS), or quicker than that write, is traced: it is most likely the command.
  function stdoutIsGclogPipe(fs, dir) {
    if (!dir) return true;
    var expected;
    var actual;
    try {
      expected = fs.readFileSync(dir + '/stdout-id', 'utf8').trim();
      actual = fs.readlinkSync('/proc/self/fd/1');
    } catch (error) {
      return true;
    }
    return expected === '' || actual === expected;
  }

  function timeOrigin() {
    try {
      return require('perf_hooks').performance.timeOrigin;
    } catch (error) {
      return null;
    }
  }
})();
