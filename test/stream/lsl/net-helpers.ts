// Raw socket helpers for LSL tests, loopback only: send bytes over TCP and read until the peer closes
// (or enough bytes came), send a datagram and collect the replies for a while.
import { createSocket, type RemoteInfo } from 'node:dgram';
import { connect } from 'node:net';

/** Write `request` to 127.0.0.1:port; resolve with what came back once the peer closed, `enough` bytes came, or timeoutMs passed. */
export function tcpExchange(port: number, request: Uint8Array, options: { enough?: number; timeoutMs?: number; onOpen?: () => void } = {}): Promise<{ bytes: Buffer; closedByPeer: boolean }> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let length = 0;
    let done = false;
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.write(request);
      options.onOpen?.();
    });
    const finish = (closedByPeer: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ bytes: Buffer.concat(parts), closedByPeer });
    };
    const timer = setTimeout(() => finish(false), options.timeoutMs ?? 3000);
    socket.on('data', (chunk) => {
      parts.push(chunk);
      length += chunk.length;
      if (options.enough !== undefined && length >= options.enough) finish(false);
    });
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('error', (error) => (done ? undefined : reject(error)));
  });
}

export interface Datagram {
  data: Buffer;
  from: RemoteInfo;
}

/** Send `data` from a fresh UDP socket (build it with the socket's port) and collect replies for waitMs. */
export async function udpExchange(build: (ownPort: number) => Uint8Array, to: { address: string; port: number }, waitMs: number): Promise<Datagram[]> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  socket.setBroadcast(true);
  const replies: Datagram[] = [];
  socket.on('message', (data, from) => replies.push({ data, from }));
  socket.on('error', () => {});
  socket.send(build(socket.address().port), to.port, to.address);
  await new Promise((r) => setTimeout(r, waitMs));
  socket.close();
  return replies;
}
