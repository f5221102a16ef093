// The README's flag list, generated from the flag table (src/cli/options.ts) and the command list,
// so the documentation cannot drift: a test checks the README holds exactly this text, and
// `npm run docs:flags` rewrites that README section.
import { FLAGS, rangeText, type NumericRange } from './options.js';
import { COMMANDS } from './commands/index.js';

export function flagsMarkdown(): string {
  const rows = Object.values(FLAGS).map((spec) => {
    const s = spec as { flags: string; description: string; default?: unknown; choices?: readonly string[]; range?: NumericRange };
    const extra = [s.choices ? `one of ${s.choices.join(', ')}` : '', s.range ? rangeText(s.range) : '', s.default !== undefined ? `default ${String(s.default)}` : '']
      .filter(Boolean).join('; ');
    return `| \`${s.flags}\` | ${s.description.replace(/\|/g, '\\|')}${extra ? ` (${extra})` : ''} |`;
  });
  const commands = COMMANDS.map((c) => `| \`strnn ${c.name}\` | ${c.summary} | ${c.flags.map((f) => `\`${FLAGS[f].flags.split(' ')[0]}\``).join(' ')} |`);
  return [
    '| command | what it does | flags |', '| --- | --- | --- |', ...commands, '',
    '| flag | meaning |', '| --- | --- |', ...rows,
  ].join('\n');
}
