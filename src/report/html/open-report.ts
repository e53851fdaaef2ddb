// Opening a written report in the user's browser, or saying where it is when there is no screen.

import type { ChildProcess } from 'node:child_process';
import { basename, dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface OpenReportOptions {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  /** Opens a path in the default browser (the `open` package unless a test passes its own). */
  opener?: (path: string) => Promise<unknown>;
}

/** macOS and Windows always have a desktop; on Linux and the BSDs a browser needs X11 or Wayland. */
export function hasDisplay(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): boolean {
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
}

/**
 * How long a launcher may run before it counts as having started a browser: xdg-open without a
 * browser exits within milliseconds with a non-zero code; with one, it exits 0 or waits for it.
 */
export const LAUNCH_GRACE_MS = 2000;

/** Resolves when the launcher exited 0 or is still running after `graceMs`; rejects when it failed. */
export function launched(child: ChildProcess, graceMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.removeAllListeners('exit');
      child.unref();
      resolve();
    }, graceMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`the browser launcher exited with ${code ?? signal}`));
    });
  });
}

/** Said when no browser started: the URL, and how to look at the report from elsewhere. */
export function noBrowserMessage(path: string): string {
  const absolute = resolve(path);
  return (
    `gclog: no browser started here; open ${reportUrl(path)}\n` +
    `  From another machine: copy it (scp this-host:${absolute} .) or serve its folder ` +
    `(python3 -m http.server 8000 --directory ${dirname(absolute)}) and open http://this-host:8000/${basename(absolute)}\n`
  );
}

/** The report as a URL a user can paste into a browser. */
export function reportUrl(path: string): string {
  return pathToFileURL(resolve(path)).href;
}

/** True when a browser was asked to open the report; false when there is no display or opening failed. */
export async function openReport(path: string, options: OpenReportOptions = {}): Promise<boolean> {
  if (!hasDisplay(options.platform, options.env)) return false;
  const opener =
    options.opener ??
    (async (target: string) => {
      const { default: open } = await import('open');
      // `wait: false` returns once the launcher (xdg-open, open, start) started; a missing launcher rejects.
      await launched(await open(target, { wait: false }), LAUNCH_GRACE_MS);
    });
  try {
    await opener(resolve(path));
    return true;
  } catch {
    return false;
  }
}
