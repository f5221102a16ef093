// A mock outlet for tests that replays recorded bytes: it serves a fullinfo and, on each streamfeed
// connection in turn, one recorded response (in random pieces, so every sample boundary is crossed),
// then closes it; it answers shortinfo queries on its own UDP port with a recorded reply. It records
// what the inlet sent. Only 127.0.0.1, free ports, and it stops with close().
import { createSocket } from 'node:dgram';
import { createServer, type Socket } from 'node:net';
import { headerEnd } from '../../../src/stream/lsl/streamfeed-header.js';
import { Rng } from '../../../src/util/random.js';

export interface ReplayOptions {
  fullinfo: Uint8Array | ((port: number) => Uint8Array);
  /** One recorded response per streamfeed connection; later connections get the last one. */
  feeds: Uint8Array[];
  /** The shortinfo reply XML for a query, or undefined for no answer. */
  udpReply?: (query: string, port: number) => string | undefined;
  /** Seed of the random split of each feed (0: send in one write). */
  splitSeed?: number;
}

export interface ReplayOutlet {
  tcpPort: number;
  udpPort: number;
  requests: string[];
  queries: string[];
  close(): Promise<void>;
}

async function sendInPieces(socket: Socket, bytes: Uint8Array, rng: Rng | undefined): Promise<void> {
  if (!rng) {
    socket.write(bytes);
    return;
  }
  for (let at = 0; at < bytes.length; ) {
    const n = 1 + rng.int(Math.min(600, bytes.length - at));
    socket.write(bytes.subarray(at, at + n));
    at += n;
    if (rng.int(4) === 0) await new Promise((r) => setImmediate(r));
  }
}

export async function startReplayOutlet(options: ReplayOptions): Promise<ReplayOutlet> {
  const requests: string[] = [];
  const queries: string[] = [];
  const sockets = new Set<Socket>();
  const rng = options.splitSeed ? new Rng(options.splitSeed) : undefined;
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let received = Buffer.alloc(0);
    let answered = false;
    socket.on('data', (chunk) => {
      if (answered) return;
      received = Buffer.concat([received, chunk]);
      const text = received.toString('latin1');
      if (text.startsWith('LSL:fullinfo\r\n')) {
        answered = true;
        const info = typeof options.fullinfo === 'function' ? options.fullinfo(tcpPort) : options.fullinfo;
        socket.end(info);
      } else if (text.startsWith('LSL:streamfeed')) {
        const end = headerEnd(new Uint8Array(received));
        if (end < 0) return;
        answered = true;
        requests.push(text.slice(0, end));
        const feed = options.feeds[Math.min(requests.length - 1, options.feeds.length - 1)]!;
        void sendInPieces(socket, feed, rng).then(() => socket.end());
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const tcpPort = (server.address() as { port: number }).port;
  const udp = createSocket('udp4');
  await new Promise<void>((resolve) => udp.bind(0, '0.0.0.0', resolve));
  udp.on('message', (msg, from) => {
    const lines = msg.toString('utf8').split('\r\n');
    if (lines[0] !== 'LSL:shortinfo') return;
    queries.push(lines[1]!);
    const [returnPort, queryId] = lines[2]!.split(' ');
    const xml = options.udpReply?.(lines[1]!, tcpPort);
    if (xml !== undefined) udp.send(`${queryId}\r\n${xml}`, Number(returnPort), from.address);
  });
  return {
    tcpPort,
    udpPort: udp.address().port,
    requests,
    queries,
    close: async () => {
      udp.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
