// The baselines of `npm run bench`: cut the file into lines with split2 (as gclog's reader does) and
// count them; with `--read-characters`, also read every character of every line once in JavaScript
// (charCodeAt), the least any parser written in JavaScript does with each line split2 gives it.
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import split2 from 'split2';

const readCharacters = process.argv.includes('--read-characters');
const path = process.argv.slice(2).find((argument) => !argument.startsWith('--'));

let lines = 0;
let checksum = 0;
const splitter = split2('\n', (line) => {
  lines++;
  if (readCharacters) {
    for (let index = 0; index < line.length; index++) checksum = (checksum + line.charCodeAt(index)) | 0;
  }
  return undefined; // nothing is passed on: only the splitting (and reading) is measured
});
splitter.resume();
await pipeline(createReadStream(path), splitter);
// The checksum is printed so that the reading cannot be optimised away.
process.stdout.write(`${lines}\n${readCharacters ? `${checksum}\n` : ''}`);
