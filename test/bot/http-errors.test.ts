import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { logHttpErrors } from "../../bot/http-errors.js";
import { createLogger } from "../../bot/logger.js";

describe("an exception in an HTTP route", () => {
  it("goes to the JSON log by route pattern, without the token in the path or a query's values, and the caller gets a bare 500", async () => {
    const lines: string[] = [];
    const app = new Hono();
    app.onError(logHttpErrors(createLogger("info", { write: (line: string) => void lines.push(line) })));
    app.post("/:bot{bot[^/]+}/:method", () => {
      throw new Error("Failed query: select * from citizens where iin = $1\nparams: 870615400228");
    });

    const response = await app.request("/bot123456:SECRET-TOKEN/sendMessage", { method: "POST" });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ ok: false });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 50, msg: "http request failed", method: "POST", route: "/:bot{bot[^/]+}/:method" });
    expect(entry.err).toMatchObject({ type: "Error", message: "Failed query: select * from citizens where iin = $1" });
    expect(lines[0]).not.toContain("SECRET-TOKEN");
    expect(lines[0]).not.toContain("870615400228");
  });
});
