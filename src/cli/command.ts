// The shape of one CLI command: its name, a one-line summary, usage examples, the flags it takes from
// the table in options.ts, and a run function that checks flags, calls the library and prints.
import type { FlagName } from './options.js';

export type Flags = Record<string, unknown>;

export interface CommandSpec {
  name: string;
  summary: string;
  examples: string[];
  flags: FlagName[];
  /** Positional arguments in commander syntax ('<action>'); their values reach run as flags._args. */
  arguments?: string[];
  /** Per-command defaults that differ from the table's. */
  defaults?: Partial<Record<FlagName, string | number>>;
  /** `given`: the flags set on the command line (not defaults), for commands that merge a --config file. */
  run(flags: Flags, given: ReadonlySet<string>): Promise<void>;
}

/** Writes a result to stdout: JSON with --json, the human text otherwise. */
export function printResult(flags: Flags, json: unknown, text: () => string): void {
  process.stdout.write(flags.json ? JSON.stringify(json, null, 2) + '\n' : text() + '\n');
}
