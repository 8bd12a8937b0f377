import { createConnection, createServer, type Socket } from "node:net";

/** A TCP link to a server that a test can stall, to play the server going away. */
export interface TcpProxy {
  port: number;
  /**
   * Nothing gets through any more, either way: open links stay open but carry nothing, new ones
   * are accepted and never answered (a server gone behind a firewall). No link is closed, as a
   * closed link is a different failure, and postgres.js can crash on one (porsager/postgres#1208).
   */
  stall(): void;
  /** Everything held back flows again, and the links accepted meanwhile are connected. */
  resume(): void;
  close(): Promise<void>;
}

interface Link {
  client: Socket;
  upstream?: Socket;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  let stalled = false;
  const links = new Set<Link>();
  const connect = (link: Link) => {
    const upstream = (link.upstream ??= createConnection(targetPort, targetHost));
    upstream.on("error", () => link.client.destroy());
    upstream.on("close", () => link.client.destroy());
    link.client.pipe(upstream);
    upstream.pipe(link.client);
  };
  const server = createServer((client) => {
    const link: Link = { client };
    links.add(link);
    client.on("error", () => link.upstream?.destroy());
    client.on("close", () => (links.delete(link), link.upstream?.destroy()));
    if (stalled) client.pause();
    else connect(link);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : 0,
    stall() {
      stalled = true;
      for (const { client, upstream } of links) {
        client.unpipe();
        upstream?.unpipe();
        client.pause();
        upstream?.pause();
      }
    },
    resume() {
      stalled = false;
      for (const link of links) {
        if (link.upstream) {
          link.client.pipe(link.upstream);
          link.upstream.pipe(link.client);
        } else connect(link);
      }
    },
    async close() {
      for (const { client, upstream } of links) {
        client.destroy();
        upstream?.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
