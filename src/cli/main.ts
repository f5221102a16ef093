#!/usr/bin/env node
// strnn command-line entry: registers the commands, parses flags, and is the only place that prints
// errors and sets the exit code (2 for usage mistakes, 1 for data or runtime failures). Stack traces
// only with --debug. Output to a closed pipe (`strnn train --help | head`) ends the process quietly.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { isStrnnError } from '../util/errors.js';
import type { CommandSpec } from './command.js';
import { makeOptions } from './options.js';
import { withDatasetDefaults } from './dataset-defaults.js';
import { COMMANDS } from './commands/index.js';

function register(program: Command, spec: CommandSpec): void {
  // 'montage show': a subcommand under a group command, created by its first subcommand.
  const [group, sub] = spec.name.split(' ');
  let parent = program;
  if (sub !== undefined) {
    parent = program.commands.find((c) => c.name() === group) ?? program.command(group!).description(`${sub}: ${spec.summary}`);
  }
  const cmd = parent.command(sub ?? spec.name).description(spec.summary);
  for (const option of makeOptions(spec.flags, spec.defaults)) cmd.addOption(option);
  cmd.addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  $ ${e}`).join('\n')}\n`);
  if (spec.args) cmd.argument(spec.args);
  // Commander passes the positional arguments first, then the options object, then the command.
  cmd.action(async (...params: unknown[]) => {
    const command = params.at(-1) as Command;
    const flags = params.at(-2) as Record<string, unknown>;
    const given = new Set(Object.keys(flags).filter((k) => command.getOptionValueSource(k) === 'cli'));
    const withDefaults = await withDatasetDefaults(flags, (key) => command.getOptionValueSource(key) === 'default');
    await spec.run(spec.args ? { ...withDefaults, args: params.slice(0, -2).flat() } : withDefaults, given);
  });
}

/** The version in package.json (dist/src/cli/main.js sits three folders below it). */
function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('strnn')
    .description('STRNN emotion recognition from EEG and facial video (spatial-temporal recurrent neural network)')
    .version(packageVersion(), '--version', 'print the strnn version')
    .option('--debug', 'print stack traces of errors')
    .showSuggestionAfterError(true)
    // Commander's own messages ("error: unknown option ...") get the prefix every strnn error has.
    .configureOutput({ outputError: (text, write) => write(`strnn: ${text}`) })
    .exitOverride();
  for (const spec of COMMANDS) register(program, spec);
  return program;
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander already printed its message (and --help / --version exit with code 0).
      return e.exitCode === 0 ? 0 : 2;
    }
    if (isStrnnError(e)) {
      process.stderr.write(`strnn: error: ${e.message}\n${e.hint ? `  hint: ${e.hint}\n` : ''}`);
      if (debug) process.stderr.write(`${e.stack}\n`);
      return e.code === 'USAGE' ? 2 : 1;
    }
    const err = e as Error;
    process.stderr.write(`strnn: internal error: ${err.message}\n${debug ? `${err.stack}\n` : '  (run with --debug for the stack trace)\n'}`);
    return 1;
  }
}

/** A reader that went away (a closed pipe) is not an error: stop writing and exit quietly. */
function exitQuietlyOnEpipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

exitQuietlyOnEpipe(process.stdout);
exitQuietlyOnEpipe(process.stderr);
process.exitCode = await main(process.argv);
