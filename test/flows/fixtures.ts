import { randomUUID } from "node:crypto";
import { approveDraft, pendingDraft, submitDraft } from "../../core/appeals/answer.js";
import { objectToAnswer } from "../../core/appeals/objection.js";
import { controlExecutors } from "../../db/schema/index.js";
import { eq } from "drizzle-orm";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { registerAppeal } from "../../core/appeals/register.js";
import { registerPaperAppeal } from "../../core/appeals/paper-register.js";
import { trackTokenHash } from "../../core/appeals/track-token.js";
import { recordControlDocument } from "../../core/control/record.js";
import { addEntry } from "../../core/registry/entries.js";
import { submitReport } from "../../core/control/report.js";
import { bookSlot, requestReception } from "../../core/reception/booking.js";
import type { Ctx } from "../../core/shared/context.js";
import type { Actor, Role } from "../../core/shared/roles.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { addUnit } from "../../core/staff/units.js";
import { staffIn } from "../control/fixtures.js";
import { officialWithHours, slotAt } from "../reception/fixtures.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";

/**
 * How to be in each flow at each of its steps: who the person is, and the data each step holds,
 * made on a fresh database. A flow declared without a fixture here fails the walk over all flows.
 */
export interface FlowFixture {
  role: Role;
  /** The step data, by step; made once per test, with whatever records the steps refer to. */
  steps(core: Ctx, person: Actor, ids: FixtureIds): Promise<Record<string, unknown>>;
}

/** Telegram ids handed out to the people a fixture needs besides the one in the flow. */
export interface FixtureIds {
  next(): number;
}

async function draftAwaitingApproval(core: Ctx, ids: FixtureIds) {
  const owner = await signedUpCitizen(core, ids.next());
  const registrar = await staffMember(core, ids.next(), "registrar");
  const reviewer = await staffMember(core, ids.next(), "reviewer");
  const { appealId } = await registerAppeal(core, owner, { draftId: randomUUID(), type: "complaint", text: "Шешім орындалмады.", language: "kk", replyChannel: "chat" });
  await classifyAppeal(core, registrar, { appealId, category: "general", holderUserId: reviewer.userId });
  await submitDraft(core, reviewer, { appealId, text: "Жауап жобасы.", outcome: "explained" });
  return { appealId, answerId: (await pendingDraft(core.db, appealId))!.id };
}

async function newAppeal(core: Ctx, ids: FixtureIds) {
  const owner = await signedUpCitizen(core, ids.next());
  return registerAppeal(core, owner, { draftId: randomUUID(), type: "complaint", text: "Сот отырысы кейінге қалдырылды.", language: "kk", replyChannel: "chat" });
}

/** An appeal the person holds for review. */
async function heldBy(core: Ctx, holder: Actor, ids: FixtureIds): Promise<number> {
  const registrar = await staffMember(core, ids.next(), "registrar");
  const { appealId } = await newAppeal(core, ids);
  await classifyAppeal(core, registrar, { appealId, category: "general", holderUserId: holder.userId });
  return appealId;
}

/** An assignment to a named executor, recorded by a registrar. */
async function controlItem(core: Ctx, ids: FixtureIds, executor: Actor) {
  const registrar = await staffMember(core, ids.next(), "registrar");
  const recorded = await recordControlDocument(core, registrar, { source: "sc_chairman", sourceNumber: "5-12/88", sourceDate: "2026-02-27", text: "Ақпарат ұсынылсын.", executorUserIds: [executor.userId], dueOn: "2026-03-20" });
  return { executorId: recorded.executors[0]!.executorId, number: recorded.number };
}

/** An official receiving on weekdays, added by reception staff, and a citizen with a profile. */
async function officialAndCitizen(core: Ctx, ids: FixtureIds) {
  const official = await officialWithHours(core, await staffMember(core, ids.next(), "reception"));
  return { official, citizen: await signedUpCitizen(core, ids.next()) };
}

const MATTER = "Сот шешімінің орындалуы";

/** An appeal of `owner`, answered and signed by `head`. */
async function answered(core: Ctx, ids: FixtureIds, owner: Actor, head: Actor): Promise<number> {
  const registrar = await staffMember(core, ids.next(), "registrar");
  const reviewer = await staffMember(core, ids.next(), "reviewer");
  const { appealId } = await registerAppeal(core, owner, { draftId: randomUUID(), type: "complaint", text: "Шешім орындалмады.", language: "kk", replyChannel: "chat" });
  await classifyAppeal(core, registrar, { appealId, category: "general", holderUserId: reviewer.userId });
  await submitDraft(core, reviewer, { appealId, text: "Жауап.", outcome: "explained" });
  await approveDraft(core, head, { appealId, answerId: (await pendingDraft(core.db, appealId))!.id });
  return appealId;
}

export const FLOW_FIXTURES: Record<string, FlowFixture> = {
  answer_objection: {
    role: "citizen",
    steps: async (core, person, ids) => ({ words: { appealId: await answered(core, ids, person, await staffMember(core, ids.next(), "head")), kind: "complaint" } }),
  },
  objection_decision: {
    role: "head",
    async steps(core, person, ids) {
      const owner = await signedUpCitizen(core, ids.next());
      const appealId = await answered(core, ids, owner, person);
      await objectToAnswer(core, owner, { appealId, kind: "complaint", words: "Жауап сұрағыма сай емес." });
      const [item] = await core.db.select({ id: controlExecutors.id }).from(controlExecutors).where(eq(controlExecutors.userId, person.userId));
      return { text: { executorId: item!.id, decision: "reply" } };
    },
  },
  return_comment: {
    role: "head",
    steps: async (core, _person, ids) => ({ comment: await draftAwaitingApproval(core, ids) }),
  },
  signup: {
    role: "citizen",
    steps: async () => {
      const individual = { kind: "individual", fullName: "Серікқызы Айгерім" };
      const legal = { kind: "legal", fullName: "Петров Иван Сергеевич" };
      return {
        language: {},
        consent: {},
        kind: {},
        fullName: { kind: "individual" },
        iin: individual,
        bin: legal,
        organization: { ...legal, bin: "040840300024" },
        phone: { ...individual, iin: "870615400228" },
      };
    },
  },
  intake: {
    role: "citizen",
    steps: async () => {
      const typed = { draftId: randomUUID(), fileIds: [], type: "complaint", text: "Сот мәжілісі екі рет себепсіз кейінге қалдырылды." };
      const answered = { ...typed, language: "kk" };
      return {
        type: { draftId: randomUUID(), fileIds: [] },
        text: { draftId: randomUUID(), fileIds: [], type: "complaint" },
        files: typed,
        language: typed,
        channel: answered,
        address: { ...answered, channel: "post" },
        summary: { ...answered, channel: "chat" },
      };
    },
  },
  supplement: {
    role: "citizen",
    steps: async (core, person) => {
      const { appealId, number } = await registerAppeal(core, person, { draftId: randomUUID(), type: "application", text: "Іс материалдарымен танысуға рұқсат сұраймын.", language: "kk", replyChannel: "chat" });
      return { collect: { appealId, number, texts: ["Іс нөмірі: 2-123/2026"], fileIds: [] } };
    },
  },
  profile_edit: {
    role: "citizen",
    steps: async () => ({ fullName: {}, iin: {}, bin: {}, organization: {}, phone: {} }),
  },
  answer_draft: {
    role: "reviewer",
    async steps(core, person, ids) {
      const appealId = await heldBy(core, person, ids);
      const text = "Сот шешімінің көшірмесін сот кеңсесінен алуға болады.";
      return { text: { appealId }, outcome: { appealId, text }, confirm: { appealId, text, outcome: "explained" } };
    },
  },
  extension_request: {
    role: "reviewer",
    async steps(core, person, ids) {
      const appealId = await heldBy(core, person, ids);
      return { reason: { appealId }, date: { appealId, reason: "Іс материалдарын соттан сұрату қажет." } };
    },
  },
  group_add: {
    role: "registrar",
    steps: async (core, _person, ids) => ({ numbers: { appealId: (await newAppeal(core, ids)).appealId } }),
  },
  registry_reason: {
    role: "registrar",
    async steps(core, _person, ids) {
      const { appealId } = await newAppeal(core, ids);
      const body = await addUnit(core, CONSOLE_OPERATOR, { code: `body_${ids.next()}`, kind: "external_body", nameKk: "Бас прокуратура", nameRu: "Генеральная прокуратура" });
      return { external_reason: { appealId, unitId: body.id, category: "state_bodies" }, leave_reason: { appealId, category: "general" } };
    },
  },
  unit_add: {
    role: "admin",
    steps: async () => ({ name_kk: { kind: "ja_unit" }, name_ru: { kind: "ja_unit", nameKk: "Кадр қызметі" } }),
  },
  list: {
    role: "registrar",
    // The open appeals: a list every registrar may see, empty or not.
    steps: async () => ({ shown: { list: "sca", args: {}, page: 0, query: "" } }),
  },
  control_record: {
    role: "registrar",
    async steps(core, _person, ids) {
      const executor = await staffIn(core, ids.next(), "executor", "Сейітов Нұрлан", null);
      const source = { source: "head_of_state", sourceNumber: "21-01.1234", sourceDate: "2026-02-13" };
      const content = { ...source, text: "Ұсыныстар дайындалсын.", executorUserIds: [executor.userId] };
      return {
        source: { executorUserIds: [] },
        source_number: { source: "head_of_state", executorUserIds: [] },
        source_date: { source: "head_of_state", sourceNumber: "21-01.1234", executorUserIds: [] },
        content: { ...source, executorUserIds: [] },
        executors: content,
        due: content,
        confirm: { ...content, dueOn: "2026-03-20" },
      };
    },
  },
  registry_entry: {
    role: "registrar",
    steps: async () => {
      const letter = { journal: "incoming", correspondent: "Алматы қалалық соты", fileIds: [] };
      const outgoing = { journal: "outgoing", correspondent: "Әділет министрлігі", summary: "Жауап хат", pages: 2, fileIds: [] };
      return {
        journal: { fileIds: [] },
        direction: { journal: "court_cases", fileIds: [] },
        case_number: { journal: "court_cases", direction: "in", fileIds: [] },
        correspondent: { journal: "incoming", fileIds: [] },
        summary: letter,
        pages: { ...letter, summary: "Азаматтық іс бойынша хат" },
        dispatch: outgoing,
        dispatch_detail: { ...outgoing, dispatch: "post" },
        file: { ...letter, summary: "Азаматтық іс бойынша хат", pages: 3 },
        confirm: { ...letter, summary: "Азаматтық іс бойынша хат", pages: 3 },
      };
    },
  },
  registry_mark: {
    role: "registrar",
    async steps(core, person) {
      const entry = await addEntry(core, person, { journal: "incoming", correspondent: "Алматы қалалық соты", summary: "Тәртіптік іс бойынша хат" });
      return { reason: { entryId: entry.id, restricted: true } };
    },
  },
  control_answer: {
    role: "executor",
    async steps(core, person, ids) {
      const item = await controlItem(core, ids, person);
      const reported = await controlItem(core, ids, person);
      const { reportId } = await submitReport(core, person, { executorId: reported.executorId, note: "Орындалды." });
      return {
        report: item,
        extension_reason: item,
        extension_date: { ...item, reason: "Деректер әлі түскен жоқ." },
        return_comment: { reportId, number: reported.number },
      };
    },
  },
  reception_booking: {
    role: "citizen",
    async steps(core, person, ids) {
      const { official } = await officialAndCitizen(core, ids);
      await registerAppeal(core, person, { draftId: randomUUID(), type: "complaint", text: "Шешім орындалмады.", language: "kk", replyChannel: "chat" });
      const chosen = { officialId: official.id, matter: MATTER, askedLink: true };
      return { official: {}, matter: { officialId: official.id }, link: chosen, slot: chosen };
    },
  },
  reception_decline: {
    role: "reception",
    async steps(core, _person, ids) {
      const { official, citizen } = await officialAndCitizen(core, ids);
      const { booking } = await requestReception(core, citizen, { officialId: official.id, matter: MATTER });
      return { reason: { bookingId: booking.id, version: booking.version } };
    },
  },
  reception_outcome: {
    role: "reception",
    async steps(core, _person, ids) {
      const { official, citizen } = await officialAndCitizen(core, ids);
      const slotId = await slotAt(core, official.id, "2026-03-04T09:00:00+05:00");
      const { booking } = await bookSlot(core, citizen, { officialId: official.id, slotId, matter: MATTER });
      const executor = await staffIn(core, ids.next(), "executor", "Сейітов Нұрлан", null);
      const meeting = { bookingId: booking.id, version: booking.version, summary: "Шешімнің орындалуы талқыланды." };
      const task = { text: "Орындалуы туралы мәлімет сұралсын" };
      return {
        summary: { ...meeting, summary: "" },
        assignment: meeting,
        due: { ...meeting, assignment: task },
        executor: { ...meeting, assignment: { ...task, dueOn: "2026-03-20" } },
        note: { ...meeting, assignment: { ...task, dueOn: "2026-03-20", executorUserId: executor.userId } },
      };
    },
  },
  reception_schedule: {
    role: "reception",
    async steps(core, person) {
      const { id: officialId } = await officialWithHours(core, person);
      return { hours: { officialId }, day_off: { officialId } };
    },
  },
  reception_official: {
    role: "reception",
    steps: async () => {
      const answers = { nameKk: "Омаров Бауыржан", nameRu: "Омаров Бауыржан", titleKk: "Орынбасар", titleRu: "Заместитель", placeKk: "Астана, 410-бөлме" };
      const upTo = (n: number) => Object.fromEntries(Object.entries(answers).slice(0, n));
      return { nameKk: {}, nameRu: upTo(1), titleKk: upTo(2), titleRu: upTo(3), placeKk: upTo(4), placeRu: upTo(5) };
    },
  },
  official_name: {
    role: "reviewer",
    steps: async () => {
      const name = { surname: "Исабеков", firstName: "Бауыржан" };
      const positions = { ...name, positionKk: "Бас маман", positionRu: "Главный специалист" };
      return { surname: {}, first_name: { surname: "Исабеков" }, patronymic: name, position_kk: name, position_ru: { ...name, positionKk: "Бас маман" }, phone: positions };
    },
  },
  paper_register: {
    role: "registrar",
    steps: async () => {
      const person = { draftId: randomUUID(), fileIds: [], kind: "individual", fullName: "Серікқызы Айгерім" };
      const addressed = { ...person, iin: "870615400228", address: "010000, Астана, Мәңгілік Ел даңғылы, 8" };
      const typed = { ...addressed, type: "complaint", language: "kk", channel: "paper" };
      return {
        kind: { draftId: randomUUID(), fileIds: [] },
        name: { draftId: randomUUID(), fileIds: [], kind: "legal" },
        id_number: person,
        organization: { ...person, kind: "legal", bin: "040840300024" },
        address: person,
        type: addressed,
        language: { ...addressed, type: "complaint" },
        channel: { ...addressed, type: "complaint", language: "kk" },
        content: typed,
        summary: { ...typed, text: "Сот шешімі орындалмады." },
      };
    },
  },
  paper_track: {
    role: "citizen",
    steps: async (core, _person, ids) => {
      const registrar = await staffMember(core, ids.next(), "registrar");
      const receipt = await registerPaperAppeal(core, registrar, {
        draftId: randomUUID(),
        channel: "paper",
        applicant: { kind: "individual", fullName: "Серікқызы Айгерім", iin: "870615400228" },
        postalAddress: "010000, Астана, Мәңгілік Ел даңғылы, 8",
        type: "complaint",
        language: "kk",
        text: "Сот шешімі орындалмады.",
      });
      const link = { tokenHash: trackTokenHash(receipt.token), appealId: receipt.appealId, number: receipt.number };
      return { number: { ...link, kind: "iin" }, confirm: link };
    },
  },
};
