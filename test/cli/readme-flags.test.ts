import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { flagsMarkdown } from '../../src/cli/flag-docs.js';
import { repoPath } from '../helpers.js';

test('the README flag list is the one generated from the flag table (npm run docs:flags)', () => {
  const readme = readFileSync(repoPath('README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('<!-- flags:start -->') + '<!-- flags:start -->'.length, readme.indexOf('<!-- flags:end -->'));
  assert.equal(section.trim(), flagsMarkdown().trim());
});
