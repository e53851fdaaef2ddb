// A worker thread and the main thread both allocate.
const { Worker, isMainThread } = require('worker_threads');
const keep = [];
for (let i = 0; i < 300000; i++) keep.push({ i, text: `v${i}` });
if (isMainThread) {
  new Worker(__filename).on('exit', () => console.log('thread done'));
}
