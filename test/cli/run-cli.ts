// Runs the built CLI binary (dist/src/cli/main.js) as a user would, capturing exit code and output.
import { spawn, spawnSync } from 'node:child_process';
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
