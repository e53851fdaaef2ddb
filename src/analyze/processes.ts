// Names processes by what they run (`node server.js`, `npm start`) from the `gclog:process` lines
// that `gclog run` writes, so reports say which program a pause or a leak belongs to, not a pid.

import type { ProcessStartEvent } from '../events.js';

/** What a process is, as far as the report needs it. */
export interface ProcessIdentity {
  pid: number;
  parentPid: number | null;
  /** Short and readable: `node server.js --port 3000`, `npm start`. */
  command: string;
  /** `process.argv` as the process had it. */
  argv: string[];
  nodeVersion: string | null;
  /** When the process started, ms since the epoch (`performance.timeOrigin`): one clock for all processes. */
  startWallMs: number | null;
  /** A package manager (npm, npx, yarn, pnpm) running a script: its GCs are the tool's, not the app's. */
  role: 'app' | 'package manager';
  npmScript?: string;
  /** A cluster worker's id; its primary runs the same command. */
  clusterWorker?: number;
}

// The CLI script of each package manager, as `process.argv[1]` shows it.
const PACKAGE_MANAGERS: Array<[RegExp, string]> = [
  [/(?:^|[\\/])npm-cli\.js$|[\\/]npm[\\/]bin[\\/]npm$|(?:^|[\\/])npm$/, 'npm'],
  [/(?:^|[\\/])npx-cli\.js$|[\\/]npm[\\/]bin[\\/]npx$|(?:^|[\\/])npx$/, 'npx'],
  [/(?:^|[\\/])yarn(?:\.c?js)?$/, 'yarn'],
  [/(?:^|[\\/])pnpm(?:\.c?js)?$/, 'pnpm'],
];

const MAX_COMMAND_LENGTH = 80;

export function processIdentity(event: ProcessStartEvent): ProcessIdentity {
  const script = event.argv[1];
  const manager = script === undefined ? undefined : PACKAGE_MANAGERS.find(([pattern]) => pattern.test(script))?.[1];
  // `node -e "code" arg`: argv holds only the binary and `arg`; the code is in execArgv.
  const evaluated = evaluatedCode(event.execArgv);
  const argv = evaluated === null || manager !== undefined ? event.argv : [event.argv[0] ?? 'node', ...evaluated, ...event.argv.slice(1)];
  const identity: ProcessIdentity = {
    pid: event.pid,
    parentPid: event.parentPid,
    command: commandOf(argv, manager),
    argv: event.argv,
    nodeVersion: event.nodeVersion,
    startWallMs: event.startWallMs,
    role: manager !== undefined ? 'package manager' : 'app',
  };
  if (event.npmScript !== undefined) identity.npmScript = event.npmScript;
  if (event.clusterWorker !== undefined) identity.clusterWorker = event.clusterWorker;
  return identity;
}

/** Whether an isolate's label already names its pid (`pid 4977 main thread`, `node x.js (cluster worker 1, pid 4977)`). */
export function labelNamesPid(label: string, pid: number): boolean {
  return label.startsWith(`pid ${pid} `) || label.includes(`pid ${pid})`);
}

/**
 * `cluster worker 2` or `cluster primary` (a process some cluster worker names as its parent), else
 * null: what tells apart processes that run the same command.
 */
export function clusterRole(process: ProcessIdentity, processes: Iterable<ProcessIdentity>): string | null {
  if (process.clusterWorker !== undefined) return `cluster worker ${process.clusterWorker}`;
  for (const other of processes) if (other.clusterWorker !== undefined && other.parentPid === process.pid) return 'cluster primary';
  return null;
}

/**
 * `node /srv/app/server.js --port 3000` → `node server.js --port 3000`: the binary and the script by
 * their file names (the whole argv stays in the JSON), shortened to fit a heading.
 */
export function commandOf(argv: string[], packageManager?: string): string {
  if (argv.length === 0) return 'node';
  const [binary, script, ...rest] = argv;
  const words =
    packageManager !== undefined
      ? [packageManager, ...rest]
      : [baseName(binary!), ...(script !== undefined ? [baseName(script)] : []), ...rest];
  const command = words.map(quoteIfNeeded).join(' ');
  return command.length > MAX_COMMAND_LENGTH ? `${command.slice(0, MAX_COMMAND_LENGTH - 1)}…` : command;
}

/** `['-e', code]` (or `--eval`, `-p`, `--print`) from execArgv, else null. */
function evaluatedCode(execArgv: string[]): string[] | null {
  const index = execArgv.findIndex((word) => word === '-e' || word === '--eval' || word === '-p' || word === '--print');
  if (index === -1 || index + 1 >= execArgv.length) return null;
  return [execArgv[index]!, execArgv[index + 1]!];
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

function quoteIfNeeded(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : JSON.stringify(word);
}
