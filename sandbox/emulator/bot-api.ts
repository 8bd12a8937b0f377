import { Hono } from "hono";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Faults } from "./faults.js";
import { fileBytes } from "./files.js";
import { toChatId, type MethodHandler } from "./methods-common.js";
import { mediaMethods } from "./methods-media.js";
import { messageMethods } from "./methods-messages.js";
import { settingsMethods } from "./methods-settings.js";
import { updateMethods } from "./methods-updates.js";
import { ApiError, readParams } from "./params.js";
import type { Params } from "./params.js";
import type { SandboxState } from "./state.js";

// Telegram matches method names case-insensitively.
const METHODS = new Map<string, MethodHandler>(
  Object.entries({ ...messageMethods, ...mediaMethods, ...updateMethods, ...settingsMethods }).map(([name, handler]) => [name.toLowerCase(), handler]),
);

const failure = (c: Context, error: ApiError): Response =>
  c.json(
    { ok: false, error_code: error.code, description: error.description, ...(error.parameters && { parameters: error.parameters }) },
    error.code as ContentfulStatusCode,
  );

/**
 * The Bot API as grammY reaches it with `client.apiRoot`:
 * `/bot<token>/<method>` and file downloads at `/file/bot<token>/<file_path>`.
 * Every call lands in the call log; faults a test injected apply first.
 */
export function botApi(state: SandboxState, faults: Faults, token: string): Hono {
  const app = new Hono();
  const authorized = (c: Context): boolean => c.req.param("bot") === `bot${token}`;

  app.all("/:bot{bot[^/]+}/:method", async (c) => {
    const method = c.req.param("method");
    let params: Params | undefined;
    try {
      if (!authorized(c)) throw new ApiError(401, "Unauthorized");
      const handler = METHODS.get(method.toLowerCase());
      if (!handler) throw new ApiError(404, "Not Found");
      params = await readParams(c.req.raw);
      // The caller is gone when a hang drops its call; nobody reads this answer.
      if ((await faults.before(method, toChatId(params.raw("chat_id")), c.req.raw.signal)) === "dropped") throw new ApiError(504, "Gateway Timeout");
      const result = await handler({ state, params, signal: c.req.raw.signal });
      state.logCall({ at: new Date().toISOString(), method, params: params.summary(), ok: true });
      return c.json({ ok: true, result });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const logged = { error_code: error.code, description: error.description };
      state.logCall({ at: new Date().toISOString(), method, params: params?.summary() ?? {}, ok: false, ...logged });
      return failure(c, error);
    }
  });

  app.get("/file/:bot{bot[^/]+}/:path{.+}", (c) => {
    if (!authorized(c)) return failure(c, new ApiError(401, "Unauthorized"));
    const file = state.fileByPath(c.req.param("path"));
    if (!file) return failure(c, new ApiError(404, "Not Found"));
    return c.body(fileBytes(file), 200, { "content-type": file.mime_type });
  });

  return app;
}
