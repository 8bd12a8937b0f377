import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordControlDocument } from "../../core/control/record.js";
import { setLanguage } from "../../core/people/users.js";
import type { Actor } from "../../core/shared/roles.js";
import { controlExecutors } from "../../db/schema/index.js";
import { staffIn, unitId } from "../control/fixtures.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { recordUpToExecutors } from "../support/journeys.js";
import { shown } from "../support/texts.js";

const SCAN = new TextEncoder().encode("%PDF-1.4 scanned assignment");
const REGISTRAR = 964101;
const EXECUTOR = 964102;
const CITIZEN = 964001;
const STRANGER = 964103;

let h: Harness;
let registrar: Actor;
let executor: Actor;
beforeAll(async () => {
  h = await startHarness([citizen(REGISTRAR, "ru"), citizen(EXECUTOR, "kk"), citizen(CITIZEN, "kk"), citizen(STRANGER, "kk")]);
  const core = h.app().core;
  // Notices reach staff in the language they chose; the registrar reads Russian.
  registrar = await setLanguage(core, core.db, await staffMember(core, REGISTRAR, "registrar"), "ru");
  executor = await staffIn(core, EXECUTOR, "executor", "Сейітов Нұрлан", await unitId(core, "judicial_administration"));
  await signedUpCitizen(core, CITIZEN);
});
afterAll(() => h.dispose());

const stateOf = async (executorId: number) => {
  const [row] = await h.app().core.db.select().from(controlExecutors).where(eq(controlExecutors.id, executorId));
  return row!;
};

describe(`control documents in chat on ${dbKind}`, () => {
  it("a registrar records one; the executor reports; a return with a comment, a second report, acceptance; each side is told", async () => {
    const reg = h.user(REGISTRAR);
    const ex = h.user(EXECUTOR);
    await recordUpToExecutors(reg, { source: "head_of_state", number: "21-01.1234", date: "13.02.2026", text: "Подготовить предложения по графику приёма граждан <до 1 апреля>." });
    await reg.press("Сейітов Нұрлан · Судебная администрация");
    await reg.waitForBot(shown("ru", "control.record.ask_executors", { count: 1 }));
    await reg.press(shown("ru", "control.record.executors_done"));
    await reg.waitForBot(shown("ru", "control.record.ask_due"));
    // Sunday 8 March; Monday 9 March 2026 is a day off too, so the offer is Tuesday 10 March.
    await reg.send("08.03.2026");
    await reg.waitForBot(shown("ru", "errors.control_due_day_off", { next: "10.03.2026" }));
    await reg.press(shown("ru", "control.record.use_date", { date: "10.03.2026" }));
    const summary = await reg.waitForBot(shown("ru", "control.record.summary", {
      source: "head_of_state",
      sourceNumber: "21-01.1234",
      sourceDate: "13.02.2026",
      executors: "Сейітов Нұрлан",
      due: "10.03.2026",
      file: shown("ru", "control.record.file_none"),
      text: "Подготовить предложения по графику приёма граждан <до 1 апреля>.",
    }));
    await reg.press(shown("ru", "control.record.confirm"));
    await reg.waitForBot(shown("ru", "control.record.recorded", { number: "БҚ-2026-000001", due: "10.03.2026" }));
    // The summary was the message pressed: a second tap on it finds the flow finished.
    await reg.pressData(summary.message_id, summary.inline_keyboard!.flat()[0]!.callback_data!);
    await reg.waitFor((v) => v.toasts.some((t) => t.text === shown("ru", "errors.stale_button")));

    const assignment = await ex.waitForBot("БҚ-2026-000001");
    expect(assignment.text).toContain(shown("kk", "control.source.head_of_state"));
    expect(assignment.text).toContain("<до 1 апреля>");
    await ex.press(shown("kk", "control.button.report"));
    await ex.waitForBot(shown("kk", "control.answer.ask_report", { number: "БҚ-2026-000001" }));
    await ex.send("Ұсыныстар дайындалды.");
    await ex.waitForBot(shown("kk", "control.answer.reported", { number: "БҚ-2026-000001" }));

    await reg.waitForBot("Ұсыныстар дайындалды.");
    await reg.press(shown("ru", "control.button.return"));
    await reg.waitForBot(shown("ru", "control.answer.ask_comment", { number: "БҚ-2026-000001" }));
    await reg.send("Приложите копию письма.");
    await reg.waitForBot(shown("ru", "control.decided.returned", { number: "БҚ-2026-000001", comment: "Приложите копию письма." }));

    const returned = await ex.waitForBot(shown("kk", "control.notice.returned", { number: "БҚ-2026-000001", comment: "Приложите копию письма.", due: "10.03.2026" }));
    await ex.press(shown("kk", "control.button.report"), { messageId: returned.message_id });
    await ex.send("Ұсыныстар мен хаттың көшірмесі жіберілді.");
    await ex.waitForBot(shown("kk", "control.answer.reported", { number: "БҚ-2026-000001" }));

    const report = await reg.waitForBot("Ұсыныстар мен хаттың көшірмесі жіберілді.");
    await reg.press(shown("ru", "control.button.accept"), { messageId: report.message_id });
    await reg.waitForBot(shown("ru", "control.decided.accepted", { number: "БҚ-2026-000001" }));
    await ex.waitForBot(shown("kk", "control.notice.accepted", { number: "БҚ-2026-000001" }));
    const [row] = await h.app().core.db.select().from(controlExecutors).where(eq(controlExecutors.userId, executor.userId));
    expect(row).toMatchObject({ state: "executed", executedOn: "2026-03-02" });

    // A second tap on Accept changes nothing and says why.
    await reg.pressData(report.message_id, report.inline_keyboard!.flat()[0]!.callback_data!);
    await reg.waitFor((v) => v.toasts.some((t) => t.text === shown("ru", "errors.control_report_decided")));
  });

  it("the executor finds the item under My control items and asks for more time; the registrar grants it", async () => {
    const recorded = await recordControlDocument(h.app().core, registrar, {
      source: "sc_chairman",
      sourceNumber: "5-12/88",
      sourceDate: "2026-02-27",
      text: "Судьялардың жүктемесі туралы ақпарат ұсынылсын.",
      executorUserIds: [executor.userId],
      dueOn: "2026-03-06",
    });
    const executorId = recorded.executors[0]!.executorId;
    const reg = h.user(REGISTRAR);
    const ex = h.user(EXECUTOR);
    await ex.send("/control");
    await ex.waitForBot(shown("kk", "control.my.title"));
    await ex.press(shown("kk", "control.button.open", { number: recorded.number, due: "06.03.2026" }));
    await ex.waitForBot("Судьялардың жүктемесі");
    await ex.press(shown("kk", "control.button.more_time"));
    await ex.waitForBot(shown("kk", "control.answer.ask_reason", { number: recorded.number }));
    await ex.send("Аудандық соттардан деректер әлі түскен жоқ.");
    await ex.waitForBot(shown("kk", "control.answer.ask_date", { number: recorded.number }));
    await ex.send("05.03.2026");
    await ex.waitForBot(shown("kk", "errors.control_extension_not_later", { due: "06.03.2026" }));
    await ex.send("20.03.2026");
    await ex.waitForBot(shown("kk", "control.answer.extension_asked", { number: recorded.number }));

    await reg.waitForBot("Аудандық соттардан деректер әлі түскен жоқ.");
    await reg.press(shown("ru", "control.button.grant"));
    await reg.waitForBot(shown("ru", "control.decided.granted", { number: recorded.number, due: "20.03.2026" }));
    await ex.waitForBot(shown("kk", "control.notice.extension_granted", { number: recorded.number, due: "20.03.2026" }));
    expect(await stateOf(executorId)).toMatchObject({ dueOn: "2026-03-20", state: "assigned" });
  });

  it("records a scanned assignment as a file after a restart mid-way; the executor gets the file and reports with one", async () => {
    const reg = h.user(REGISTRAR);
    const ex = h.user(EXECUTOR);
    await reg.send("/newcontrol");
    await reg.press(shown("ru", "control.source.presidential_administration"));
    await reg.waitForBot(shown("ru", "control.record.ask_source_number"));
    await reg.send("01-24/7");
    await reg.waitForBot(shown("ru", "control.record.ask_source_date"));
    // A deploy in the middle of the flow: the registrar carries on where they were.
    await h.restart();
    await reg.send("27.02.2026");
    await reg.waitForBot(shown("ru", "control.record.ask_content"));
    await reg.sendDocument({ name: "тапсырма.pdf", mime: "application/pdf", bytes: SCAN });
    await reg.press("Сейітов Нұрлан · Судебная администрация");
    await reg.press(shown("ru", "control.record.executors_done"));
    await reg.waitForBot(shown("ru", "control.record.ask_due"));
    await reg.send("16.03.2026");
    await reg.waitForBot(shown("ru", "control.record.file_attached"));
    await reg.press(shown("ru", "control.record.confirm"));
    const recorded = await reg.waitForBot(/БҚ-2026-\d{6}/);
    const number = /БҚ-2026-\d{6}/.exec(recorded.text)![0];

    await ex.waitFor((v) => v.messages.some((m) => m.document?.file_name === "тапсырма.pdf"));
    await ex.press(shown("kk", "control.button.report"), { messageId: (await ex.waitForBot(number)).message_id });
    await ex.waitForBot(shown("kk", "control.answer.ask_report", { number }));
    await ex.sendDocument({ name: "есеп.pdf", mime: "application/pdf", bytes: SCAN });
    await ex.waitForBot(shown("kk", "control.answer.reported", { number }));
    await reg.waitFor((v) => v.messages.some((m) => m.document?.file_name === "есеп.pdf"));
  });

  it("refuses the recording flow to a citizen and to an executor, and another's item to a stranger", async () => {
    const person = h.user(CITIZEN);
    await person.send("/newcontrol");
    await person.waitForBot(shown("kk", "errors.forbidden"));
    const ex = h.user(EXECUTOR);
    await ex.send("/newcontrol");
    await ex.waitForBot(shown("kk", "errors.forbidden"));
    // A forged "report" button: not a citizen's to press; another executor is told there is no such item of theirs.
    const [row] = await h.app().core.db.select().from(controlExecutors).limit(1);
    const msg = await person.lastBot();
    await person.pressData(msg.message_id, `ct2:report:${row!.id}`);
    await person.waitFor((v) => v.toasts.some((t) => t.text === shown("kk", "errors.staff_only")));
    const other = await staffIn(h.app().core, STRANGER, "executor", "Бөтен Орындаушы", await unitId(h.app().core, "judicial_administration"));
    expect(other.role).toBe("executor");
    const stranger = h.user(STRANGER);
    await stranger.send("/control");
    const list = await stranger.waitForBot(shown("kk", "control.my.none"));
    await stranger.pressData(list.message_id, `ct2:report:${row!.id}`);
    await stranger.waitFor((v) => v.toasts.some((t) => t.text === shown("kk", "errors.control_not_found")));
  });
});
