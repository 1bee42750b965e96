import { spawn, type ChildProcess } from 'node:child_process';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/tributary.js', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

export interface TributaryProcess {
  child: ChildProcess;
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves with the exit code (128 + n for a signal n). */
  exited: Promise<number>;
  /** Waits until stdout or stderr matches. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Polls `url` until it answers `status`. */
  waitForHttp(url: string, status?: number, timeoutMs?: number): Promise<void>;
}

const signalNumbers: Record<string, number> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15, SIGSTOP: 19 };
const children = new Set<ChildProcess>();

after(() => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Runs `tributary …` from the sources as a real process, with only the given environment. */
export function spawnTributary(
  args: string[],
  env: Record<string, string>,
  cwd = root,
): TributaryProcess {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    for (const l of listeners) l();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    for (const l of listeners) l();
  });
  const exited = new Promise<number>((resolve) => {
    child.on('exit', (code, signal) => {
      children.delete(child);
      for (const l of listeners) l();
      resolve(code ?? 128 + (signal ? (signalNumbers[signal] ?? 0) : 0));
    });
  });
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    exited,
    waitForOutput(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(stdout) || pattern.test(stderr)) {
            cleanup();
            resolve();
          } else if (child.exitCode !== null || child.signalCode !== null) {
            cleanup();
            reject(new Error(`process exited before printing ${pattern}:\n${stderr}\n${stdout}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for ${pattern}:\n${stderr}\n${stdout}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    async waitForHttp(url, status = 200, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (child.exitCode !== null)
          throw new Error(`process exited (${child.exitCode}):\n${stderr}\n${stdout}`);
        try {
          const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
          await response.arrayBuffer();
          if (response.status === status) return;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline)
          throw new Error(`${url} never answered ${status}:\n${stderr}\n${stdout}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
  };
}
