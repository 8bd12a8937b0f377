import type { ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Logger } from "pino";

/**
 * An exception in a route goes to the log like every other error (through `safeError`, so no
 * bound values or rows), never raw to stderr; the caller gets a bare 500. The route is logged as
 * its pattern, as a Bot API path carries the token.
 */
export function logHttpErrors(log: Logger): ErrorHandler {
  return (err, c) => {
    if (err instanceof HTTPException) return err.getResponse();
    log.error({ err, method: c.req.method, route: c.req.routePath }, "http request failed");
    return c.json({ ok: false }, 500);
  };
}
