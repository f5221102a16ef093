// Rewrites test/cli/help.snapshot.txt from the built CLI (`strnn --help` and `strnn train --help`).
// Run after `npm run build`: npm run docs:flags
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const help = (args) => execFileSync(process.execPath, ['dist/src/cli/main.js', ...args], { encoding: 'utf8' });
writeFileSync('test/cli/help.snapshot.txt', `${help(['--help'])}\n----\n${help(['train', '--help'])}`);
