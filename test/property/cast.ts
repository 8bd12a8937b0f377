import { eq } from "drizzle-orm";
import { answerIntake, beginIntake } from "../../core/appeals/intake.js";
import { setLanguage } from "../../core/people/users.js";
import { users } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import type { Harness } from "../support/harness.js";
import { shown } from "../support/texts.js";
import type { Cast } from "./people.js";

/** Another citizen's appeal: the buttons the bot showed them for it, and what only they may read. */
type Other = Pick<Cast, "othersButtons" | "secrets">;

/**
 * Casts for one run each: a fresh citizen, stranger and registrar every run, and another citizen
 * with an appeal of their own, made anew every `runsPerOther` runs. Making the other takes an
 * appeal and four turns of the bot, while what a run checks of them (their secrets, their buttons
 * replayed by a forger) is the same for any other citizen.
 */
export function castMaker(h: Harness, newId: () => number, runsPerOther: number): () => Promise<Cast> {
  let runs = 0;
  let other: Other | undefined;
  let staffBefore: number | undefined;
  return async () => {
    if (runs++ % runsPerOther === 0) other = await otherWithAppeal(h, newId());
    const core = h.app().core;
    const [mine, stranger, staff] = [newId(), newId(), newId()];
    await signedUpCitizen(core, mine);
    // Every registrar is told of each new appeal: earlier runs' registrars, kept, would make each
    // run's appeals cost more than the last. One registrar at a time, a fresh one each run.
    if (staffBefore !== undefined) await core.db.update(users).set({ role: "citizen" }).where(eq(users.telegramId, staffBefore));
    staffBefore = staff;
    await setLanguage(core, core.db, await staffMember(core, staff, "registrar"), "ru");
    return { citizen: h.user(mine), stranger: h.user(stranger), staff: h.user(staff), ...other! };
  };
}

/** A citizen with a registered appeal, who then looks at it through the bot, so its buttons exist to be replayed. */
async function otherWithAppeal(h: Harness, id: number): Promise<Other> {
  const core = h.app().core;
  const name = `Тайный Житель ${id}`;
  const actor = await signedUpCitizen(core, id, { fullName: name, iin: "870615400228" });
  const secret = `Секретный текст ${id}`;
  const draft = await beginIntake(core, actor);
  await answerIntake(core, actor, { type: "appeal_type", value: "request" });
  await answerIntake(core, actor, { type: "text", text: secret });
  await answerIntake(core, actor, { type: "files_done" });
  await answerIntake(core, actor, { type: "language", value: "ru" });
  await answerIntake(core, actor, { type: "channel", value: "chat" });
  const done = await answerIntake(core, actor, { type: "confirm", draftId: draft.data.draftId });
  const number = done.step === "registered" ? done.receipt.number : "";
  const owner = h.user(id);
  await owner.send("/start");
  await owner.press(shown("ru", "menu.my_appeals"));
  await owner.press(number);
  await owner.waitForBot(secret);
  const othersButtons = (await owner.messages()).flatMap((m) => (m.inline_keyboard ?? []).flat().flatMap((b) => (b.callback_data ? [b.callback_data] : [])));
  return { othersButtons, secrets: [secret, number, name] };
}
