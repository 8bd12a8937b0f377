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
  /**
   * The server goes down hard: every open link is closed and new ones are refused (nothing
   * listens on the port) until `restore`.
   */
  cut(): Promise<void>;
  /** Listens on the same port again: new links reach the server. */
  restore(): Promise<void>;
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
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => (server.off("error", reject), resolve()));
    });
  const destroyAll = () => {
    for (const { client, upstream } of links) {
      client.destroy();
      upstream?.destroy();
    }
  };
  await listen(0);
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    port,
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
    async cut() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      destroyAll();
      await closed;
    },
    restore: () => listen(port),
    async close() {
      destroyAll();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
