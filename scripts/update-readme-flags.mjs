// Rewrites the README section between <!-- flags:start --> and <!-- flags:end --> from the flag table.
// Run after `npm run build`: npm run docs:flags
import { readFileSync, writeFileSync } from 'node:fs';
import { flagsMarkdown } from '../dist/src/cli/flag-docs.js';

const readme = readFileSync('README.md', 'utf8');
const start = '<!-- flags:start -->';
const end = '<!-- flags:end -->';
const a = readme.indexOf(start);
const b = readme.indexOf(end);
if (a < 0 || b < a) throw new Error('README.md has no flags section markers');
writeFileSync('README.md', `${readme.slice(0, a + start.length)}\n${flagsMarkdown()}\n${readme.slice(b)}`);
