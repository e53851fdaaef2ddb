// Writes numbered lines as fast as its stdout takes them, until its stdout closes (as `yes` does).
let line = 0;
const write = () => {
  while (process.stdout.write(`line ${line++}\n`)) {
    // As long as the reader keeps up.
  }
  process.stdout.once('drain', write);
};
write();
