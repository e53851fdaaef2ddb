// Cuts a JSON document into the objects of its arrays as the text streams in, so that a trace-event
// file or a GCProfiler result (one line of many megabytes) is read in bounded memory: only one item
// and the document's small remainder (its other members) are held at a time.

/** An object found in an array: a member of the root object (`traceEvents`, `statistics`) or the root array itself. */
export interface JsonItem {
  /** The root member holding the array, or null for a root array. */
  arrayKey: string | null;
  value: unknown;
}

/** Longest single item kept; a longer one is skipped and counted (no real trace event or GC entry is near it). */
export const MAX_ITEM_LENGTH = 1024 * 1024;
/** The document without its items (version, startTime, metadata) is kept up to this length. */
const MAX_REST_LENGTH = 64 * 1024;

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COLON = 58;

export class JsonItemSplitter {
  /** The kind of each open container: `{` or `[`. */
  private readonly stack: number[] = [];
  private inString = false;
  private escaped = false;
  /** The text of the item being read, or null outside one. */
  private item: string | null = null;
  /** Depth at which the item being read opened. */
  private itemDepth = 0;
  private itemTooLong = false;
  /** The root without its items: `{"version":1,"startTime":…,"statistics":[]}`. */
  private rest = '';
  /** The last string read directly in the root object (a `:` after it makes it the key of what follows). */
  private lastRootString = '';
  /** Where the root-level string being read started in the current chunk (-1: none), and its part from earlier chunks. */
  private stringStart = -1;
  private pendingString = '';
  private rootKey: string | null = null;
  private currentArrayKey: string | null = null;
  /** Items skipped for their length, and items whose text did not parse. */
  skippedItems = 0;
  brokenItems = 0;

  constructor(private readonly onItem: (item: JsonItem) => void) {}

  write(text: string): void {
    let start = 0; // where the unconsumed part of `text` for `item` or `rest` begins
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (code === BACKSLASH) this.escaped = true;
        else if (code === QUOTE) {
          this.inString = false;
          if (this.item === null && this.stack.length === 1 && this.stringStart >= 0) {
            this.lastRootString = this.pendingString + text.slice(this.stringStart, index);
          }
          this.stringStart = -1;
          this.pendingString = '';
        }
        continue;
      }
      if (code === QUOTE) {
        this.inString = true;
        if (this.item === null && this.stack.length === 1) {
          this.stringStart = index + 1;
          this.pendingString = '';
        }
        continue;
      }
      if (code === COLON && this.item === null && this.stack.length === 1) {
        this.rootKey = this.lastRootString;
        continue;
      }
      if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        // An object directly inside an array at the root or in a root member: an item begins.
        if (this.item === null && code === OPEN_BRACE && this.isItemArray()) {
          this.appendRest(text.slice(start, index));
          this.item = '';
          this.itemTooLong = false;
          this.itemDepth = this.stack.length;
          start = index;
        } else if (this.item === null && code === OPEN_BRACKET && this.stack.length === 1 && this.stack[0] === OPEN_BRACE) {
          this.currentArrayKey = this.rootKey;
        }
        this.stack.push(code);
        continue;
      }
      if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        this.stack.pop();
        if (this.item !== null && this.stack.length === this.itemDepth) {
          this.appendItem(text.slice(start, index + 1));
          this.finishItem();
          start = index + 1;
        }
        continue;
      }
      // Commas and spaces between items are not kept: the rest reads `"statistics":[]`.
      if (this.item === null && this.isItemArray() && index === start) start = index + 1;
    }
    if (this.inString && this.stringStart >= 0) {
      this.pendingString += text.slice(this.stringStart);
      this.stringStart = 0;
    }
    if (this.item !== null) this.appendItem(text.slice(start));
    else this.appendRest(text.slice(start));
  }

  /** The root without its items, parsed; null when it is not JSON (a cut file) or was too long to keep. */
  end(): Record<string, unknown> | null {
    try {
      const value: unknown = JSON.parse(this.rest);
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    } catch {
      return null;
    }
  }

  /** True when the document has ended (every container closed). */
  get complete(): boolean {
    return this.stack.length === 0 && this.rest.length > 0;
  }

  private isItemArray(): boolean {
    const depth = this.stack.length;
    if (depth === 1) return this.stack[0] === OPEN_BRACKET;
    return depth === 2 && this.stack[0] === OPEN_BRACE && this.stack[1] === OPEN_BRACKET;
  }

  private appendItem(text: string): void {
    if (this.itemTooLong) return;
    if (this.item!.length + text.length > MAX_ITEM_LENGTH) {
      this.itemTooLong = true;
      this.item = '';
      return;
    }
    this.item += text;
  }

  private appendRest(text: string): void {
    if (this.rest.length + text.length <= MAX_REST_LENGTH) this.rest += text;
  }

  private finishItem(): void {
    const text = this.item!;
    this.item = null;
    if (this.itemTooLong) {
      this.skippedItems++;
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.brokenItems++;
      return;
    }
    this.onItem({ arrayKey: this.stack.length === 1 && this.stack[0] === OPEN_BRACKET ? null : this.currentArrayKey, value });
  }
}
