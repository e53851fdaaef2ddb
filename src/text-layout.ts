// Laying text out for a terminal: lines wrapped at word boundaries to its width (colour codes take
// no room), so that nothing a terminal shows is cut mid-word. Used by every text output and the help.

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/** The columns a line takes on a terminal: its characters without colour codes. */
export function visibleLength(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

/**
 * Wraps one line at spaces so that each piece fits `width` columns; continuation lines start with
 * `indent` (by default the line's own leading spaces). A word longer than the width (a path) stays
 * whole on a line of its own.
 */
export function wrapLine(line: string, width: number, indent?: string): string[] {
  if (visibleLength(line) <= width) return [line];
  const leading = /^ */.exec(line)![0];
  const continuation = indent ?? leading;
  const words = unbreakable(line.slice(leading.length).split(' '));
  const lines: string[] = [];
  let current = leading;
  let currentLength = leading.length;
  let empty = true;
  for (const word of words) {
    const wordLength = visibleLength(word);
    if (!empty && currentLength + 1 + wordLength > width) {
      lines.push(current);
      current = continuation + word;
      currentLength = continuation.length + wordLength;
      continue;
    }
    current += empty ? word : ` ${word}`;
    currentLength += (empty ? 0 : 1) + wordLength;
    empty = false;
  }
  lines.push(current);
  return lines;
}

const UNIT = /^(?:ms|s|MB|KB|GB|MiB|MB\/s|MB\/min|min|%)[,.;:)]*$/;
const SYMBOL = /^[≥≤<>~→=×]$/;

/** Keeps `≥ 100 ms` on one line: a lone symbol with the word after it, a unit with the number before it. */
function unbreakable(words: string[]): string[] {
  const joined: string[] = [];
  for (const word of words) {
    const previous = joined.at(-1);
    const bare = word.replace(ANSI, '');
    if (previous !== undefined && (SYMBOL.test(previous.replace(ANSI, '')) || (UNIT.test(bare) && /\d$/.test(previous.replace(ANSI, ''))))) joined[joined.length - 1] = `${previous} ${word}`;
    else joined.push(word);
  }
  return joined;
}

/** Wraps every line of a text (its newline at the end kept); `width` undefined leaves it as it is. */
export function wrapText(text: string, width: number | undefined): string {
  if (width === undefined) return text;
  const ends = text.endsWith('\n');
  const lines = (ends ? text.slice(0, -1) : text).split('\n');
  return `${lines.flatMap((line) => wrapLine(line, width)).join('\n')}${ends ? '\n' : ''}`;
}
