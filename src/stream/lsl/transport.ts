// The network and clock an LSL inlet or outlet needs, as an interface, so the protocol core (codecs, the
// inlet and outlet state machines) stays free of Node built-ins and can run wherever someone provides
// UDP and TCP (Node: node/transport.ts; a browser would need a relay such as a WebSocket bridge).

/** Where a datagram came from or goes to. */
export interface Endpoint {
  address: string;
  port: number;
}

export interface UdpSocket {
  /** The bound local port. */
  readonly port: number;
  send(data: Uint8Array, port: number, address: string): Promise<void>;
  onMessage(listener: (data: Uint8Array, from: Endpoint) => void): void;
  close(): void;
}

export interface UdpOptions {
  /** Local port (0 or absent: any free port). */
  port?: number;
  /** Local address (default all interfaces). */
  address?: string;
  /** Share the port with other sockets (the discovery port 16571 is shared by every outlet). */
  reuseAddr?: boolean;
  /** Allow sending to broadcast addresses. */
  broadcast?: boolean;
  /** Multicast groups to join; a group that cannot be joined is skipped (reported via onWarning). */
  multicastGroups?: string[];
  onWarning?: (message: string) => void;
}

export interface TcpConnection {
  readonly remote: Endpoint;
  /** Queue bytes; false when the kernel buffer is full (wait for onDrain before writing more). */
  write(data: Uint8Array): boolean;
  onData(listener: (data: Uint8Array) => void): void;
  onDrain(listener: () => void): void;
  /** Called once, when the connection is closed by either side (error set when it broke). */
  onClose(listener: (error?: Error) => void): void;
  /** Flush what is queued, then close. */
  end(): void;
  /** Close now, dropping what is queued. */
  destroy(): void;
}

export interface TcpServer {
  readonly port: number;
  onConnection(listener: (connection: TcpConnection) => void): void;
  close(): Promise<void>;
}

export interface LslTransport {
  /** Seconds on the clock liblsl uses (CLOCK_MONOTONIC on Linux). */
  now(): number;
  hostname(): string;
  openUdp(options: UdpOptions): Promise<UdpSocket>;
  connectTcp(address: string, port: number, timeoutMs: number): Promise<TcpConnection>;
  /** Listen on 0.0.0.0:port (port 0: any free port); rejects when the port is taken. */
  listenTcp(port: number): Promise<TcpServer>;
}
