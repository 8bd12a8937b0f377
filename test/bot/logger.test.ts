import { describe, expect, it } from "vitest";
import { createLogger } from "../../bot/logger.js";

describe("logs", () => {
  it("carry ids but never an IIN, a phone, a name or a person's text", () => {
    const lines: string[] = [];
    const log = createLogger("info", { write: (line: string) => void lines.push(line) });
    log.info({ userId: 42, iin: "870615400228", phone: "+77011234567", text: "my complaint" }, "signed up");
    log.info({ update: { message: { text: "secret words", contact: { phone_number: "+77017654321" } } } });
    log.info({ citizen: { fullName: "Серікқызы Айгерім", bin: "040840300024", organization: "ТОО Дала" } });
    const failed = Object.assign(new Error("Failed query: insert into citizens values ($1, $2)\nparams: 999,Иванов Иван,880101300123"), {
      cause: Object.assign(new Error('duplicate key value violates unique constraint "citizens_pkey"'), {
        code: "23505",
        constraint_name: "citizens_pkey",
        detail: "Key (iin)=(880101300123) already exists.",
      }),
    });
    log.error({ err: failed }, "update failed");
    const out = lines.join("");
    expect(out).toContain('"constraint":"citizens_pkey"');
    expect(out).toContain('"userId":42');
    for (const secret of ["870615400228", "+77011234567", "my complaint", "secret words", "+77017654321", "Серікқызы", "040840300024", "ТОО Дала", "880101300123", "Иванов Иван"]) {
      expect(out).not.toContain(secret);
    }
  });
});
