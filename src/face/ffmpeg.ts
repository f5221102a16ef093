// Video <-> gray frames through an ffmpeg binary (decoding MMI's .avi files in TypeScript would mean
// re-implementing the codecs; ffmpeg reads them all). The binary is, in this order: an explicit path,
// the system's `ffmpeg` on PATH, or the one shipped inside the npm package @ffmpeg-installer/ffmpeg.
// Frames travel through pipes as raw 8-bit gray (`-f rawvideo -pix_fmt gray`), one byte per pixel.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, basename, join } from 'node:path';
import { StrnnError } from '../util/errors.js';
import { makeGrayImage, type GrayImage } from './gray-image.js';

const HINT = 'install ffmpeg (Debian/Ubuntu: apt-get install ffmpeg) or run `npm install @ffmpeg-installer/ffmpeg`, or pass the binary\'s path';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Path of the ffmpeg binary to use, or undefined when none is found. */
export function findFfmpeg(explicit?: string): string | undefined {
  if (explicit) return executable(explicit) ? explicit : undefined;
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, process.platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg');
    if (existsSync(candidate) && executable(candidate)) return candidate;
  }
  try {
    const req = createRequire(import.meta.url);
    const installer = req('@ffmpeg-installer/ffmpeg') as { path?: string };
    if (installer.path && executable(installer.path)) return installer.path;
  } catch {
    // package not installed (or no binary for this platform): fall through
  }
  return undefined;
}

/** Like findFfmpeg, but a missing binary is a StrnnError saying how to get one. */
export function requireFfmpeg(explicit?: string): string {
  const found = findFfmpeg(explicit);
  if (found) return found;
  throw new StrnnError('NOT_FOUND', explicit ? `ffmpeg binary ${explicit} does not exist or is not executable` : 'no ffmpeg binary found (not on PATH, @ffmpeg-installer/ffmpeg not installed)', HINT);
}

function run(binary: string, args: string[], input?: Buffer): Promise<{ stdout: Buffer; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(new StrnnError('NOT_FOUND', `cannot run ${binary}: ${e.message}`, HINT)));
    child.on('close', (code) => resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8'), code }));
    child.stdin.on('error', () => undefined); // ffmpeg may exit before reading all input; its exit code tells
    child.stdin.end(input);
  });
}

/** Frame size of the output stream from ffmpeg's log ("Stream #0:0: Video: rawvideo ..., gray, 720x576, ..."). */
export function parseVideoSize(log: string): { width: number; height: number } | undefined {
  let found: { width: number; height: number } | undefined;
  for (const line of log.split('\n')) {
    if (!/Stream #\d+:\d+.*Video:/.test(line)) continue;
    const m = /[ ,](\d{1,5})x(\d{1,5})[ ,[]/.exec(line);
    if (m) found = { width: Number(m[1]), height: Number(m[2]) };
  }
  return found;
}

/**
 * Decodes a video frame by frame, handing each 8-bit gray frame to `onFrame` and keeping none, so a
 * long or high-resolution clip (a phone video: 1920x1080 at 30 fps is 62 MB of gray pixels per
 * second) costs the memory of one frame, not of the whole video as decodeVideoGray does. `pixels` is
 * reused for the next frame: copy what you keep. Returns the frame count and size.
 */
export async function streamVideoGray(
  path: string,
  onFrame: (index: number, pixels: Uint8Array, width: number, height: number) => void,
  ffmpeg?: string,
): Promise<{ frames: number; width: number; height: number }> {
  if (!existsSync(path)) throw new StrnnError('NOT_FOUND', `${path}: video file does not exist`);
  const bin = requireFfmpeg(ffmpeg);
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['-hide_banner', '-nostdin', '-i', path, '-map', '0:v:0', '-f', 'rawvideo', '-pix_fmt', 'gray', '-'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let size: { width: number; height: number } | undefined;
    let frame: Buffer | undefined;
    let filled = 0;
    let index = 0;
    let failure: unknown;
    // stdout and stderr are separate pipes, so frame bytes can arrive before the log line giving the
    // frame size; they wait here until it is known
    const pending: Buffer[] = [];
    const consume = (chunk: Buffer) => {
      if (failure) return;
      let at = 0;
      while (at < chunk.length) {
        const n = Math.min(chunk.length - at, frame!.length - filled);
        chunk.copy(frame!, filled, at, at + n);
        filled += n;
        at += n;
        if (filled === frame!.length) {
          try {
            onFrame(index++, frame!, size!.width, size!.height);
          } catch (e) {
            failure = e;
            child.kill();
            return;
          }
          filled = 0;
        }
      }
    };
    const learnSize = () => {
      if (size) return;
      // the output stream's line, complete: the input's size can differ (ffmpeg turns rotated phone
      // videos upright), and a line cut between two chunks could give a truncated number
      const output = stderr.indexOf('Output #0');
      if (output < 0) return;
      size = parseVideoSize(stderr.slice(output, stderr.lastIndexOf('\n') + 1));
      if (!size) return;
      frame = Buffer.alloc(size.width * size.height);
      for (const chunk of pending.splice(0)) consume(chunk);
    };
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString('utf8');
      learnSize();
    });
    child.stdout.on('data', (b: Buffer) => {
      if (size) consume(b);
      else pending.push(b);
    });
    child.on('error', (e) => reject(new StrnnError('NOT_FOUND', `cannot run ${bin}: ${e.message}`, HINT)));
    child.on('close', (code) => {
      if (failure) return reject(failure);
      learnSize();
      const lastLine = stderr.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new StrnnError('FORMAT', `${path}: ffmpeg could not decode the video (exit ${code}: ${lastLine})`));
      if (!size) return reject(new StrnnError('FORMAT', `${path}: ffmpeg did not report the frame size of the decoded stream`));
      if (index === 0 || filled !== 0) {
        return reject(new StrnnError('FORMAT', `${path}: decoded ${index} whole ${size.width}x${size.height} gray frames${filled ? ` and ${filled} stray bytes` : ''}, expected at least one whole frame`));
      }
      resolve({ frames: index, ...size });
    });
  });
}

/** Decodes every frame of a video file to gray images (0-255), all held at once (streamVideoGray keeps none). */
export async function decodeVideoGray(path: string, ffmpeg?: string): Promise<GrayImage[]> {
  const frames: GrayImage[] = [];
  await streamVideoGray(path, (_, pixels, width, height) => frames.push(makeGrayImage(width, height, Float32Array.from(pixels))), ffmpeg);
  return frames;
}

/**
 * Encodes gray frames as a lossless FFV1 .avi (written under a temporary name, then renamed, so an
 * interrupted write leaves no half-written video). Values are rounded and clamped to 0..255.
 */
export async function encodeVideoGray(frames: readonly GrayImage[], path: string, fps = 25, ffmpeg?: string): Promise<void> {
  if (frames.length === 0) throw new StrnnError('INPUT', `${path}: no frames to encode`);
  const bin = requireFfmpeg(ffmpeg);
  const { width, height } = frames[0]!;
  const raw = Buffer.alloc(frames.length * width * height);
  frames.forEach((f, i) => {
    if (f.width !== width || f.height !== height) throw new StrnnError('INPUT', `${path}: frame ${i} is ${f.width}x${f.height}, expected ${width}x${height} like frame 0`);
    for (let p = 0; p < f.data.length; p++) raw[i * width * height + p] = Math.min(255, Math.max(0, Math.round(f.data[p]!)));
  });
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}.avi`);
  const { stderr, code } = await run(bin, [
    '-hide_banner', '-y', '-f', 'rawvideo', '-pix_fmt', 'gray', '-s', `${width}x${height}`, '-r', String(fps), '-i', '-',
    '-c:v', 'ffv1', '-pix_fmt', 'gray', '-f', 'avi', tmp,
  ], raw);
  if (code !== 0) {
    rmSync(tmp, { force: true });
    throw new StrnnError('FORMAT', `${path}: ffmpeg could not encode the video (exit ${code}: ${stderr.trim().split('\n').pop() ?? ''})`);
  }
  renameSync(tmp, path);
}
