import { randomUUID } from "node:crypto";
import { pendingDraft, submitDraft } from "../../core/appeals/answer.js";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { registerAppeal } from "../../core/appeals/register.js";
import type { Ctx } from "../../core/shared/context.js";
import type { Actor, Role } from "../../core/shared/roles.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { addUnit } from "../../core/staff/units.js";
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

export const FLOW_FIXTURES: Record<string, FlowFixture> = {
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
};
