// Runs the built CLI binary (dist/src/cli/main.js) as a user would, capturing exit code and output.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { repoPath } from '../helpers.js';

export const CLI = repoPath('dist', 'src', 'cli', 'main.js');

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd: string): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the CLI and kills it (SIGKILL) once stderr contains `marker`; resolves when it has exited. */
export function runCliAndKill(args: string[], cwd: string, marker: RegExp): Promise<{ killed: boolean; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd });
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!killed && marker.test(stderr)) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('exit', () => resolve({ killed, stderr }));
  });
}

/** A CLI process left running (`strnn live`), its output so far, and a way to wait for what it prints. */
export interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves with the exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /**
   * Resolves once `done(stdout, stderr)` holds (checked on every output); rejects naming `what`, with
   * both outputs, when timeoutMs passed or the process exited first. Waiting on output, not on time,
   * keeps a test right on a slow, loaded machine.
   */
  waitFor(what: string, done: (stdout: string, stderr: string) => boolean, timeoutMs: number): Promise<void>;
  /** SIGKILL if still running (for a test's finally: nothing outlives the test). */
  kill(): void;
}

export function startCli(args: string[], cwd: string): RunningCli {
  const child = spawn(process.execPath, [CLI, ...args], { cwd });
  let stdout = '', stderr = '', running = true;
  const checks = new Set<() => void>();
  const check = () => { for (const c of [...checks]) c(); };
  // As text decoded across chunk boundaries (a chunk may end inside a character).
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (d: string) => { stdout += d; check(); });
  child.stderr.on('data', (d: string) => { stderr += d; check(); });
  // 'close', not 'exit': by then both pipes are drained, so the output is complete.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => { running = false; check(); resolve(code); }));
  return {
    child,
    get stdout() { return stdout; },
    get stderr() { return stderr; },
    exited,
    waitFor(what, done, timeoutMs) {
      return new Promise<void>((resolve, reject) => {
        const finish = (error?: Error) => {
          clearTimeout(timer);
          checks.delete(test);
          if (error) reject(error); else resolve();
        };
        const fail = (why: string) => finish(new Error(`${what}: ${why}\n--- stdout ---\n${stdout.slice(-4000)}\n--- stderr ---\n${stderr.slice(-4000)}`));
        const test = () => {
          let met: boolean;
          try {
            met = done(stdout, stderr);
          } catch (error) {
            return fail((error as Error).message);
          }
          if (met) finish();
          else if (!running) fail('the process exited first');
        };
        const timer = setTimeout(() => fail(`not within ${timeoutMs} ms`), timeoutMs);
        checks.add(test);
        test();
      });
    },
    kill() {
      if (running) child.kill('SIGKILL');
    },
  };
}
