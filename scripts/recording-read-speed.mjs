// Times readRecordingFile on one recording file (any format strnn reads) and prints its size, the
// wall time and the process's resident memory. Run after `npm run build`:
//   python3 scripts/fixtures/write_xdf.py --large /tmp/large.xdf 64 500 600
//   node scripts/recording-read-speed.mjs /tmp/large.xdf
import { statSync } from 'node:fs';
import { readRecordingFile } from '../dist/src/datasets/recording-file.js';

const path = process.argv[2];
if (!path) {
  process.stderr.write('usage: node scripts/recording-read-speed.mjs FILE\n');
  process.exit(2);
}
const start = performance.now();
const rec = readRecordingFile(path);
const seconds = (performance.now() - start) / 1000;
const mb = (n) => (n / 1e6).toFixed(0);
process.stdout.write(
  `${path}: ${mb(statSync(path).size)} MB ${rec.format}, ${rec.channels.length} channels x ${rec.samples} samples at ${rec.fsHz} Hz, ` +
  `${rec.events.length} events: read in ${seconds.toFixed(2)} s, ${mb(process.memoryUsage().rss)} MB resident\n`,
);
