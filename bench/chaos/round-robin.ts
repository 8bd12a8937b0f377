import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RoundRobin {
  url: string;
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of the bot's instances, as a load balancer: each request goes to the next
 * instance in turn; one that does not take the connection (killed) is skipped for the next, and
 * when none takes it the caller gets 502 and tries again later.
 */
export async function startRoundRobin(targets: readonly number[]): Promise<RoundRobin> {
  let turn = 0;
  const forward = (port: number, method: string, path: string, headers: Record<string, string | string[] | undefined>, body: Buffer) =>
    new Promise<{ status: number; body: Buffer } | undefined>((resolve) => {
      const out = request({ host: "127.0.0.1", port, method, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 502, body: Buffer.concat(chunks) }));
        res.on("error", () => resolve(undefined));
      });
      out.on("error", () => resolve(undefined));
      out.end(body);
    });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks);
      for (let tried = 0; tried < targets.length; tried++) {
        const answer = await forward(targets[turn++ % targets.length]!, req.method ?? "POST", req.url ?? "/", req.headers, body);
        if (answer) {
          res.writeHead(answer.status).end(answer.body);
          return;
        }
      }
      res.writeHead(502).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
