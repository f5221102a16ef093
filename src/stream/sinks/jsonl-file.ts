// Events as JSON lines in a file (`strnn live --out preds.jsonl`). Each line goes to the file in one
// synchronous write as soon as it exists, so the file always ends with a whole line: an interrupted
// run (SIGINT, a crash) leaves every prediction made so far and never half a line. close() fsyncs.
import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { StrnnError } from '../../util/errors.js';

export class JsonlFile {
  private fd: number | undefined;

  constructor(readonly path: string) {
    try {
      mkdirSync(dirname(path), { recursive: true });
      this.fd = openSync(path, 'w');
    } catch (e) {
      throw new StrnnError('INPUT', `${path}: cannot write the output file (${(e as Error).message})`);
    }
  }

  write(value: unknown): void {
    if (this.fd === undefined) return;
    const bytes = Buffer.from(JSON.stringify(value) + '\n', 'utf8');
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done);
  }

  close(): void {
    if (this.fd === undefined) return;
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = undefined;
  }
}
