import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

export interface DelayProxy {
  port: number;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/**
 * A TCP proxy to `target` that holds every chunk for half of `roundTripMs` in each direction, so every round trip
 * takes `roundTripMs` longer — the waiting of a real network, for collections that are bound by it.
 * Timers of the same length fire in the order they were set: the bytes of each direction stay in order.
 */
export async function startDelayProxy(target: { host: string; port: number }, roundTripMs: number, listenPort = 0): Promise<DelayProxy> {
  const half = roundTripMs / 2;
  const sockets = new Set<Socket>();
  let accepted = 0;
  const pipeDelayed = (from: Socket, to: Socket): void => {
    from.on('data', (chunk) => setTimeout(() => to.writable && to.write(chunk), half));
    from.on('end', () => setTimeout(() => to.end(), half));
    from.on('error', () => to.destroy());
    from.on('close', () => setTimeout(() => to.destroy(), half));
  };
  const server = createServer((client) => {
    accepted += 1;
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    pipeDelayed(client, upstream);
    pipeDelayed(upstream, client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => accepted,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
