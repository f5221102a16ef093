// The Node adapter of the LSL transport: node:dgram for discovery and clock probes, node:net for the
// data connections, process.hrtime for the clock. Only this folder imports Node built-ins.
import { createSocket, type Socket } from 'node:dgram';
import { connect, createServer, type Socket as NetSocket } from 'node:net';
import { hostname } from 'node:os';
import type { Endpoint, LslTransport, TcpConnection, TcpServer, UdpOptions, UdpSocket } from '../transport.js';

/** Seconds of CLOCK_MONOTONIC (libuv's hrtime), the clock liblsl's lsl_local_clock() reads on Linux. */
export function localClock(): number {
  return Number(process.hrtime.bigint()) / 1e9;
}

function asBytes(data: Buffer): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function wrapUdp(socket: Socket): UdpSocket {
  return {
    port: socket.address().port,
    send: (data, port, address) =>
      new Promise((resolve, reject) => socket.send(data, port, address, (error) => (error ? reject(error) : resolve()))),
    onMessage: (listener) => socket.on('message', (msg, rinfo) => listener(asBytes(msg), { address: rinfo.address, port: rinfo.port })),
    close: () => {
      try {
        socket.close();
      } catch {
        // already closed
      }
    },
  };
}

async function openUdp(options: UdpOptions): Promise<UdpSocket> {
  const socket = createSocket({ type: 'udp4', reuseAddr: options.reuseAddr ?? false });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind({ port: options.port ?? 0, address: options.address, exclusive: !(options.reuseAddr ?? false) }, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  // A datagram error later (ICMP port unreachable for a query nobody listens to) must not crash the host.
  socket.on('error', (error) => options.onWarning?.(`UDP socket: ${error.message}`));
  if (options.broadcast) socket.setBroadcast(true);
  for (const group of options.multicastGroups ?? []) {
    try {
      socket.addMembership(group);
    } catch (error) {
      options.onWarning?.(`cannot join multicast group ${group}: ${(error as Error).message}`);
    }
  }
  return wrapUdp(socket);
}

function wrapTcp(socket: NetSocket): TcpConnection {
  socket.setNoDelay(true);
  const remote: Endpoint = { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 };
  let closeError: Error | undefined;
  socket.on('error', (error) => {
    closeError = error;
  });
  return {
    remote,
    write: (data) => socket.write(data),
    onData: (listener) => socket.on('data', (chunk: Buffer) => listener(asBytes(chunk))),
    onDrain: (listener) => socket.on('drain', listener),
    onClose: (listener) => socket.on('close', () => listener(closeError)),
    end: () => socket.end(),
    destroy: () => socket.destroy(),
  };
}

function connectTcp(address: string, port: number, timeoutMs: number): Promise<TcpConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: address, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`connecting to ${address}:${port} timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(wrapTcp(socket));
    });
  });
}

function listenTcp(port: number): Promise<TcpServer> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    const open = new Set<NetSocket>();
    server.once('error', reject);
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => {
      server.off('error', reject);
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address !== null ? address.port : port,
        onConnection: (listener) =>
          server.on('connection', (socket) => {
            open.add(socket);
            socket.on('close', () => open.delete(socket));
            listener(wrapTcp(socket));
          }),
        close: () =>
          new Promise<void>((done) => {
            for (const socket of open) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

export function nodeTransport(): LslTransport {
  return { now: localClock, hostname, openUdp, connectTcp, listenTcp };
}
