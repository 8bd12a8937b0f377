import type { GuideChat } from "../chat.js";
import { demoName, demoPerson } from "../people.js";

/** A control document's details as the registrar types them. */
const CONTROL = {
  kk: { number: "21-01.1234", date: "27.02.2026", text: "Азаматтарды қабылдау кестесі бойынша ұсыныстар дайындау.", due: "16.03.2026" },
  ru: { number: "21-01.1234", date: "27.02.2026", text: "Подготовить предложения по графику приёма граждан.", due: "16.03.2026" },
} as const;

/** The registrar takes the new appeal from the queue, sets its category, gives it to a reviewer, and records a control document. */
export async function registrarWalk(chat: GuideChat): Promise<void> {
  chat.role("registrar");
  await chat.actAs(demoPerson("registrar").first_name);
  await chat.step("the queue", async () => {
    await chat.type("/queue");
    await chat.waitFor({ key: "staff.registry.choose_category" });
    await chat.shot("queue");
  });
  await chat.step("category", async () => {
    await chat.press({ key: "appeal.category.court_proceedings" });
    await chat.waitFor({ key: "staff.registry.category_chosen" });
    await chat.shot("route");
  });
  await chat.step("choose a reviewer", async () => {
    await chat.press({ key: "staff.registry.assign" });
    await chat.waitFor({ key: "staff.registry.choose_reviewer" });
    await chat.shot("reviewer");
  });
  await chat.step("assigned", async () => {
    await chat.press(new RegExp(`^${demoName("reviewer")} \\(\\d+\\)$`));
    await chat.waitFor({ key: "staff.registry.classified" });
    await chat.shot("assigned");
  });
  await recordControl(chat);
}

async function recordControl(chat: GuideChat): Promise<void> {
  const doc = CONTROL[chat.language === "kk" ? "kk" : "ru"];
  await chat.step("control document: source", async () => {
    await chat.type("/newcontrol");
    await chat.waitFor({ key: "control.record.ask_source" });
    await chat.shot("control-source");
  });
  await chat.step("control document: details", async () => {
    await chat.press({ key: "control.source.sc_chairman" });
    await chat.waitFor({ key: "control.record.ask_source_number" });
    await chat.type(doc.number);
    await chat.waitFor({ key: "control.record.ask_source_date" });
    await chat.type(doc.date);
    await chat.waitFor({ key: "control.record.ask_content" });
    await chat.type(doc.text);
    await chat.waitFor({ key: "control.record.ask_executors" });
    await chat.press(new RegExp(`^${demoName("executor")}`));
    await chat.waitFor({ key: "control.record.ask_executors", params: { count: 1 } });
    await chat.shot("control-executors");
  });
  await chat.step("control document: due date", async () => {
    await chat.press({ key: "control.record.executors_done" });
    await chat.waitFor({ key: "control.record.ask_due" });
    await chat.type(doc.due);
    await chat.waitFor({ key: "control.record.confirm" });
    await chat.shot("control-summary");
  });
  await chat.step("control document: recorded", async () => {
    await chat.press({ key: "control.record.confirm" });
    await chat.waitFor({ key: "control.record.recorded" });
    await chat.shot("control-recorded");
  });
}

/** Later, the executor's report arrives and the registrar accepts it. */
export async function registrarAcceptsWalk(chat: GuideChat): Promise<void> {
  chat.role("registrar");
  await chat.actAs(demoPerson("registrar").first_name);
  await chat.step("report arrives", async () => {
    await chat.waitFor({ key: "control.notice.report_submitted" });
    await chat.shot("control-report");
  });
  await chat.step("report accepted", async () => {
    await chat.press({ key: "control.button.accept" });
    await chat.waitFor({ key: "control.decided.accepted" });
    await chat.shot("control-accepted");
  });
}
