import { Hono } from "hono";
import type { Context } from "hono";
import { chatView } from "./chat-view.js";
import { fileBytes } from "./files.js";
import { boundaryOf, parseMultipart } from "./multipart.js";
import type { SandboxState } from "./state.js";
import type { ChatState } from "./records.js";
import { contentFromJson, pressButton, sendAsUser, uploadContent, UserActionError } from "./user-actions.js";

const MAX_WAIT_MS = 60_000;

/**
 * The tester's JSON API under /sandbox/api, used by the web chat and by
 * end-to-end tests to act as Telegram users and to see what the bot did.
 */
export function webchatApi(state: SandboxState, publicUrl = ""): Hono {
  const app = new Hono();
  const fileUrl = (fileId: string): string => `${publicUrl}/sandbox/api/files/${fileId}`;

  const chatOf = (c: Context): ChatState => {
    const chat = state.chat(Number(c.req.param("userId")));
    if (!chat) throw new UserActionError(`no demo user ${c.req.param("userId")}`, 404);
    return chat;
  };

  const jsonBody = async (c: Context): Promise<unknown> => {
    try {
      return await c.req.json();
    } catch {
      throw new UserActionError("expected a JSON body");
    }
  };

  app.onError((error, c) => {
    if (error instanceof UserActionError) return c.json({ error: error.message }, error.status);
    throw error;
  });

  app.get("/users", (c) =>
    c.json({
      demo: true,
      users: [...state.users.values()].map((u) => ({
        id: u.id,
        name: [u.first_name, u.last_name].filter(Boolean).join(" "),
        first_name: u.first_name,
        ...(u.last_name && { last_name: u.last_name }),
        ...(u.username && { username: u.username }),
        language_code: u.language_code,
        demoRole: u.demoRole,
      })),
    }),
  );

  app.post("/users/:userId/messages", async (c) => {
    const chat = chatOf(c);
    return c.json(sendAsUser(state, chat, contentFromJson(state, chat, await jsonBody(c))));
  });

  app.post("/users/:userId/callbacks", async (c) => c.json(pressButton(state, chatOf(c), await jsonBody(c))));

  app.post("/users/:userId/files", async (c) => {
    const chat = chatOf(c);
    const boundary = boundaryOf(c.req.header("content-type") ?? "");
    if (!boundary) throw new UserActionError("expected multipart/form-data with a file field");
    const { fields, files } = await parseMultipart(new Uint8Array(await c.req.arrayBuffer()), boundary);
    const upload = files.get("file");
    if (!upload) throw new UserActionError("expected multipart/form-data with a file field");
    // A `file_name` field gives the name as a client may send it, with what a form would escape.
    const named = fields.file_name === undefined ? upload : { ...upload, filename: fields.file_name };
    return c.json(sendAsUser(state, chat, uploadContent(state, named, fields.caption)));
  });

  // Long-polls with `wait` (ms) until the chat changes after `after`.
  app.get("/users/:userId/chat", async (c) => {
    const chat = chatOf(c);
    const after = Number(c.req.query("after") ?? 0) || 0;
    const wait = Math.min(Number(c.req.query("wait") ?? 0) || 0, MAX_WAIT_MS);
    await state.waitUntil(() => chat.seq > after, wait, c.req.raw.signal);
    return c.json(chatView(state, chat, after, fileUrl));
  });

  app.get("/users/:userId/commands", (c) => c.json({ commands: state.commandsFor(chatOf(c).user) }));

  app.get("/files/:fileId", (c) => {
    const file = state.file(c.req.param("fileId"));
    if (!file) throw new UserActionError("no such file", 404);
    const name = encodeURIComponent(file.file_name ?? file.file_path.split("/").at(-1) ?? "file");
    return c.body(fileBytes(file), 200, { "content-type": file.mime_type, "content-disposition": `inline; filename*=UTF-8''${name}` });
  });

  app.get("/calls", (c) => {
    const method = c.req.query("method")?.toLowerCase();
    return c.json({ calls: state.calls.filter((call) => !method || call.method.toLowerCase() === method) });
  });

  app.delete("/calls", (c) => {
    state.calls.length = 0;
    return c.json({ ok: true });
  });

  return app;
}
