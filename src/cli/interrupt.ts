// Ctrl-C while reading: the first one ends the reading and the report covers what was read (a
// server piped into `gclog analyze -` never ends on its own); the second one aborts at once.

let controller: AbortController | null = null;

/** The signal the readers stop on; installs the SIGINT handler on first use. */
export function readingInterrupted(): AbortSignal {
  if (controller !== null) return controller.signal;
  const current = new AbortController();
  controller = current;
  process.once('SIGINT', () => {
    // With no listener left, Node restores the default action: the next Ctrl-C ends the process.
    process.stderr.write('\ngclog: interrupted: reading stopped, reporting what was read (Ctrl-C again to abort).\n');
    current.abort();
  });
  return current.signal;
}
