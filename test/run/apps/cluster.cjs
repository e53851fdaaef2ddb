// A cluster: the primary forks two workers; each allocates and exits.
const cluster = require('cluster');
if (cluster.isPrimary === undefined ? cluster.isMaster : cluster.isPrimary) {
  let exited = 0;
  for (let i = 0; i < 2; i++) cluster.fork();
  cluster.on('exit', () => {
    if (++exited === 2) console.log('cluster done');
  });
} else {
  const keep = [];
  for (let i = 0; i < 300000; i++) keep.push({ i, text: `v${i}` });
  console.log(`cluster worker ${cluster.worker.id} done`);
  process.exit(0);
}
