// An HTTP server that keeps a little state per request and shuts down cleanly on SIGINT/SIGTERM.
const http = require('http');
const recent = [];
const server = http.createServer((request, response) => {
  const body = JSON.stringify({ at: Date.now(), items: Array.from({ length: 200 }, (_, i) => ({ i, text: `item ${i}` })) });
  recent.push(body);
  if (recent.length > 500) recent.shift();
  response.end(body);
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.log(`bye after ${signal}`);
    server.close(() => process.exit(0));
  });
}
