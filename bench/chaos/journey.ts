import { pdf } from "../../test/support/sample-files.js";
import type { SandboxUser } from "../../test/support/sandbox-user.js";
import { shown } from "../../test/support/texts.js";
import { iinOf } from "./people.js";
import { Script, sees, Stuck } from "./script.js";
import { OFFICIAL_NAME } from "./setup.js";

const t = (key: string, params: Record<string, string | number> = {}) => shown("ru", key, params);
/** The beginning of a long text, enough to know it by. */
const start = (key: string, params: Record<string, string | number> = {}) => t(key, params).slice(0, 24);
const NUMBER = /ЖТ-\d{4}-\d{6}/;
const TIME = /^\d\d\.\d\d\.\d{4} \d\d:\d\d$/;
const SLOT_TRIES = 10;

/** How far one citizen got, and what they were told. */
export interface JourneyReport {
  n: number;
  /** Every step done. */
  finished: boolean;
  /** The step the citizen could not get past. */
  stuckAt?: string;
  /** The steps at which the bot had to be nudged to show its question again. */
  nudged: string[];
  /** Confirm was pressed: an appeal must exist. */
  confirmed: boolean;
  number?: string;
  supplemented: boolean;
  booked: boolean;
}

/**
 * A citizen's whole visit: sign-up, an appeal with a file, a supplement to it, then a reception
 * booking with the official, each step waiting for the bot's answer as a person would.
 */
export async function citizenJourney(user: SandboxUser, n: number, stepMs: number): Promise<JourneyReport> {
  const s = new Script(user, stepMs);
  const report: JourneyReport = { n, finished: false, nudged: [], confirmed: false, supplemented: false, booked: false };
  try {
    await signUp(s, n);
    report.number = await submitAppeal(s, n, () => (report.confirmed = true));
    await supplement(s, report.number);
    report.supplemented = true;
    await book(s, n);
    report.booked = true;
    report.finished = true;
  } catch (error) {
    if (!(error instanceof Stuck)) throw error;
    report.stuckAt = error.message;
  }
  report.nudged = s.nudged;
  return report;
}

const say = (text: string) => (u: SandboxUser) => u.send(text);

async function signUp(s: Script, n: number): Promise<void> {
  await s.step("signup:start", say("/start"), sees.button("✅ Русский"));
  await s.tap("signup:language", "✅ Русский", sees.button(t("consent.accept")));
  await s.tap("signup:consent", t("consent.accept"), sees.button(t("signup.kind.individual")));
  await s.tap("signup:kind", t("signup.kind.individual"), sees.text(start("signup.full_name.ask")));
  await s.step("signup:name", say("Иванов Иван Иванович"), sees.text(start("signup.iin.ask")));
  await s.step("signup:iin", say(iinOf(n)), sees.replyButton(t("signup.phone.button")));
  await s.step("signup:phone", (u) => u.sendContact(), sees.text(start("menu.title")));
}

async function submitAppeal(s: Script, n: number, confirming: () => void): Promise<string> {
  await s.step("intake:menu", say("/start"), sees.button(t("menu.submit_appeal")));
  await s.tap("intake:open", t("menu.submit_appeal"), sees.button(t("appeal.type.request")));
  await s.tap("intake:type", t("appeal.type.request"), sees.text(start("appeal.intake.ask_text", { max: "10 000" })));
  await s.step("intake:text", say(`Прошу разъяснить порядок получения копии решения суда, обращение ${n}.`), sees.text(start("appeal.intake.ask_files", { max_mb: 20, max: 10, count: 0 })));
  const file = { name: `решение-${n}.pdf`, mime: "application/pdf", bytes: pdf(`chaos ${n}`) };
  // Its own "attached" line, or (the bot died after keeping it) the question asked again with the file counted.
  const attached = sees.any(sees.text(`«${file.name}»`), sees.text(t("appeal.intake.ask_files", { max_mb: 20, max: 10, count: 1 })));
  await s.step("intake:file", (u) => u.sendDocument(file), attached);
  await s.tap("intake:files_done", t("appeal.intake.files_done"), sees.button(t("appeal.language.ru")));
  await s.tap("intake:language", t("appeal.language.ru"), sees.button(t("appeal.intake.channel_chat")));
  await s.tap("intake:channel", t("appeal.intake.channel_chat"), sees.button(t("appeal.intake.confirm")));
  confirming();
  const receipt = await s.tap("intake:confirm", t("appeal.intake.confirm"), sees.text(NUMBER));
  const since = s.user.lastAction;
  const text = receipt.messages.findLast((m) => m.from === "bot" && m.seq > since && NUMBER.test(m.text))?.text ?? "";
  return NUMBER.exec(text)![0];
}

const SUPPLEMENT = "Дополняю: копия решения нужна для исполнительного производства.";

async function supplement(s: Script, number: string): Promise<void> {
  await s.step("supplement:menu", say("/start"), sees.button(t("menu.my_appeals")));
  await s.tap("supplement:list", t("menu.my_appeals"), sees.button(number));
  await s.tap("supplement:appeal", number, sees.button(t("appeal.supplement.button")));
  await s.tap("supplement:open", t("appeal.supplement.button"), sees.text(`${t("appeal.supplement.ask", { number, max_files: 10, max_chars: "10 000", chars: 0, files: 0 }).slice(0, 30)}`));
  // Its "text added" line, or (the bot died after keeping it) the question asked again with the text counted.
  const asked = (chars: number) => t("appeal.supplement.ask", { number, max_files: 10, max_chars: "10 000", chars, files: 0 }).split("\n\n").at(-1)!;
  const kept = sees.any(sees.text(t("appeal.supplement.text_added")), sees.text(asked(SUPPLEMENT.length)));
  await s.step("supplement:text", say(SUPPLEMENT), kept);
  // Sent, or (the bot died after sending it) the button is out of date: the count in the database tells.
  await s.tap("supplement:send", t("appeal.supplement.send"), sees.any(sees.toast(t("appeal.supplement.sent", { number })), sees.toast(t("errors.stale_button"))));
}

async function book(s: Script, n: number): Promise<void> {
  await s.step("booking:menu", say("/start"), sees.button(t("menu.reception")));
  await s.tap("booking:open", t("menu.reception"), sees.button(t("reception.my.book")));
  await s.tap("booking:book", t("reception.my.book"), sees.button(OFFICIAL_NAME));
  await s.tap("booking:official", OFFICIAL_NAME, sees.text("Опишите ваш вопрос"));
  await s.step("booking:matter", say("Неисполнение решения суда"), sees.button(t("reception.book.no_link")));
  let times = await s.tap("booking:link", t("reception.book.no_link"), sees.text(t("reception.book.choose_slot")));
  const booked = sees.any(sees.text("Вы записаны на приём"), sees.toast(t("errors.stale_button")));
  const taken = sees.text(t("errors.reception_slot_taken"));
  for (let i = 0; i < SLOT_TRIES; i++) {
    // The newest times shown: the first list, or the one that came with "taken a moment ago".
    const offered = times.messages.findLast((m) => m.from === "bot" && !m.deleted && m.inline_keyboard?.flat().some((b) => TIME.test(b.text)));
    const labels = offered?.inline_keyboard?.flat().filter((b) => TIME.test(b.text)).map((b) => b.text) ?? [];
    if (labels.length === 0) throw new Stuck("booking:no_times");
    times = await s.tap("booking:time", labels[(n + i) % labels.length]!, sees.any(booked, taken));
    if (booked(times, s.user.lastAction)) return;
  }
  throw new Stuck("booking:always_taken");
}
