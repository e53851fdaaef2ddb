// The out-of-memory report (V8::FatalProcessOutOfMemory and Node's fatal handler):
//   <--- Last few GCs --->
//   [2732:0x…]  1234 ms: Mark-Compact 30.1 (33.0) -> 29.9 (33.2) MB, … (average mu = 0[2732:0x…] …
//   <--- JS stacktrace --->
//   FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory

export const LAST_FEW_GCS_MARKER = '<--- Last few GCs --->';
export const JS_STACKTRACE_MARKER = '<--- JS stacktrace --->';

export interface FatalOutOfMemory {
  location: string;
  message: string;
  text: string;
}

const NODE_FATAL = /FATAL ERROR: (.*)$/;
// V8's own handler, without an embedder (d8, Deno): `# Fatal javascript OOM in Reached heap limit`,
// `# Fatal JavaScript out of memory: Reached heap limit`.
const V8_FATAL = /^# Fatal (?:javascript|process|JavaScript) (?:OOM in|out of memory:) (.*)$/i;
const ALLOCATION_FAILED = / ?(Allocation failed - .*|JavaScript heap out of memory|process out of memory)$/;

/** Recognises the fatal line of an out-of-memory crash; other fatal errors are not memory events. */
export function parseFatalOutOfMemory(text: string): FatalOutOfMemory | null {
  const match = NODE_FATAL.exec(text) ?? V8_FATAL.exec(text);
  if (match === null) return null;
  const detail = match[1]!.trim();
  const tail = ALLOCATION_FAILED.exec(detail);
  const location = (tail === null ? detail : detail.slice(0, tail.index)).trim();
  const message = tail === null ? '' : tail[1]!;
  const isMemory =
    tail !== null || /heap limit|out of memory|CALL_AND_RETRY_LAST|semi space|NewSpace::Rebalance|invalid array length/i.test(detail);
  if (!isMemory) return null;
  return { location, message, text: text.slice(match.index).trim() };
}
