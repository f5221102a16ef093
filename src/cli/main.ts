#!/usr/bin/env node
// strnn command-line entry: registers the commands, parses flags, and is the only place that prints
// errors and sets the exit code (2 for usage mistakes, 1 for data or runtime failures). Stack traces
// only with --debug.
import { Command, CommanderError } from 'commander';
import { isStrnnError } from '../util/errors.js';
import type { CommandSpec } from './command.js';
import { makeOptions } from './options.js';
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
  for (const argument of spec.arguments ?? []) cmd.argument(argument);
  cmd.action(async (...args: unknown[]) => {
    // Commander passes the positional arguments, then the flags, then the command itself.
    const command = args.at(-1) as Command;
    const flags = { ...(args.at(-2) as Record<string, unknown>), ...(spec.arguments && { _args: args.slice(0, -2) }) };
    await spec.run(flags, new Set(Object.keys(flags).filter((k) => command.getOptionValueSource(k) === 'cli')));
  });
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('strnn')
    .description('STRNN emotion recognition from EEG and facial video (spatial-temporal recurrent neural network)')
    .option('--debug', 'print stack traces of errors')
    .showSuggestionAfterError(true)
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

process.exitCode = await main(process.argv);
