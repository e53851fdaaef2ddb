// The baseline of `npm run bench`: only cut the file into lines with split2 (as gclog's reader does) and count them.
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import split2 from 'split2';

let lines = 0;
const splitter = split2('\n', () => {
  lines++;
  return undefined; // nothing is passed on: only the splitting is measured
});
splitter.resume();
await pipeline(createReadStream(process.argv[2]), splitter);
process.stdout.write(`${lines}\n`);
