// --config files: flags as camelCase or kebab-case keys, parsed and checked like the command line,
// results.json's config.flags block accepted, command-line flags winning, unknown keys refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeConfigFlags, readConfigFlags, recordedFlags } from '../../src/cli/config-file.js';
import type { FlagName } from '../../src/cli/options.js';
import { withTempDir } from '../helpers.js';

const ALLOWED: FlagName[] = ['config', 'dataset', 'protocol', 'sessions', 'epochs', 'valFraction', 'optimizer', 'json'];

test('config keys go through the flag parsers; results.json config.flags reruns; the command line wins', async () => {
  await withTempDir((dir) => {
    const file = join(dir, 'exp.json');
    writeFileSync(file, JSON.stringify({ dataset: 'data/bids', 'val-fraction': 0.1, sessions: [1, 2], epochs: '7' }));
    assert.deepEqual(readConfigFlags(file, ALLOWED), { dataset: 'data/bids', valFraction: 0.1, sessions: [1, 2], epochs: 7 });
    const merged = mergeConfigFlags({ config: file, epochs: 30, protocol: 'loso' }, new Set(['config', 'protocol']), ALLOWED);
    assert.deepEqual(merged, { config: file, epochs: 7, protocol: 'loso', dataset: 'data/bids', valFraction: 0.1, sessions: [1, 2] });

    const results = join(dir, 'results.json');
    writeFileSync(results, JSON.stringify({ format: 'strnn-experiment/1', config: { seed: 1, flags: recordedFlags({ ...merged, json: true }, ALLOWED) } }));
    assert.deepEqual(readConfigFlags(results, ALLOWED), { dataset: 'data/bids', protocol: 'loso', sessions: [1, 2], epochs: 7, valFraction: 0.1 });

    for (const [content, message] of [
      [{ epoch: 3 }, /exp\.json: key 'epoch' is not a flag of this command; did you mean 'epochs'\?/],
      [{ epochs: 0 }, /exp\.json: key epochs: expected an integer >= 1, got "0"/],
      [{ optimizer: 'lbfgs' }, /exp\.json: key optimizer: 'lbfgs' is not one of adam, sgd/],
      [{ json: 'yes' }, /exp\.json: key json: expected true or false/],
      [[1, 2], /expected a JSON object of flags/],
    ] as const) {
      writeFileSync(file, JSON.stringify(content));
      assert.throws(() => readConfigFlags(file, ALLOWED), message);
    }
  });
});
