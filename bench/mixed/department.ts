import { randomUUID } from "node:crypto";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { registerAppeal } from "../../core/appeals/register.js";
import { assignRoles, identify, setLanguage } from "../../core/people/users.js";
import type { Ctx } from "../../core/shared/context.js";
import type { Actor } from "../../core/shared/roles.js";
import type { DemoUser } from "../../sandbox/emulator/index.js";
import { signedUpCitizen } from "../../test/support/citizens.js";
import { pool } from "../chaos/pool.js";

/** Telegram ids of the people at work: citizens, registrars and reviewers each from a base of their own. */
const BASE = { citizen: 7_300_000, registrar: 7_200_100, reviewer: 7_200_200 } as const;
export const HEAD = 7_200_001;

export interface Department {
  citizens: number[];
  registrars: number[];
  reviewers: number[];
  /** Everyone, for the emulator. */
  people: DemoUser[];
}

export interface DepartmentSize {
  citizens: number;
  registrars: number;
  reviewers: number;
  /** Appeals each citizen has already filed. */
  appealsEach: number;
  /** The share of those appeals already routed to reviewers; the rest wait in the registrars' queue. */
  routed: number;
}

const ids = (base: number, count: number) => Array.from({ length: count }, (_, n) => base + n);

/**
 * A department in mid-week: signed-up citizens who each filed appeals, most of them already with a
 * reviewer, the rest in the registrars' queue; every person speaks Russian.
 */
export async function setUpDepartment(core: Ctx, size: DepartmentSize): Promise<Department> {
  const registrars = ids(BASE.registrar, size.registrars);
  const reviewers = ids(BASE.reviewer, size.reviewers);
  await assignRoles(core, [
    { telegramId: HEAD, role: "head", fullName: "Исабеков Бауыржан" },
    ...registrars.map((telegramId, n) => ({ telegramId, role: "registrar" as const, fullName: `Регистратор ${n + 1}` })),
    ...reviewers.map((telegramId, n) => ({ telegramId, role: "reviewer" as const, fullName: `Исполнитель ${n + 1}` })),
  ]);
  const inRussian = async (telegramId: number) => setLanguage(core, core.db, await identify(core, { telegramId }), "ru");
  const staff: Actor[] = [];
  for (const telegramId of [...registrars, ...reviewers]) staff.push(await inRussian(telegramId));
  const registrar = staff[0]!;
  const reviewerIds = staff.slice(registrars.length).map((a) => a.userId);

  const citizens = ids(BASE.citizen, size.citizens);
  let filed = 0;
  await pool(citizens.length, 8, async (i) => {
    const telegramId = citizens[i]!;
    const actor = await setLanguage(core, core.db, await signedUpCitizen(core, telegramId), "ru");
    for (let k = 0; k < size.appealsEach; k++) {
      const n = filed++;
      const text = `Прошу разъяснить порядок получения копии решения суда по делу № 2-${n}/2026.`;
      const receipt = await registerAppeal(core, actor, { draftId: randomUUID(), type: "request", text, language: "ru", replyChannel: "chat" });
      if ((n % 100) / 100 < size.routed)
        await classifyAppeal(core, registrar, { appealId: receipt.appealId, category: "court_proceedings", holderUserId: reviewerIds[n % reviewerIds.length]! });
    }
  });

  const person = (id: number, first_name: string, demoRole: DemoUser["demoRole"]): DemoUser => ({ id, first_name, language_code: "ru", demoRole });
  return {
    citizens,
    registrars,
    reviewers,
    people: [
      ...citizens.map((id, n) => person(id, `Гражданин ${n}`, "citizen")),
      ...registrars.map((id) => person(id, "registrar", "registrar")),
      ...reviewers.map((id) => person(id, "reviewer", "reviewer")),
      person(HEAD, "head", "head"),
    ],
  };
}
