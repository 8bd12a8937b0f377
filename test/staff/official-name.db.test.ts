import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { officialNameOf, setOfficialName } from "../../core/staff/official-name.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";
import { refusal } from "../support/refusal.js";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await openTestDatabase();
});
afterAll(() => tdb.dispose());

const head = { surname: "Исабеков", firstName: "Бауыржан", patronymic: "Серікұлы", positionKk: "Меңгеруші", positionRu: "Заведующий" };

describe(`official names on letters on ${dbKind}`, () => {
  it("prints the name given at /join until an administrator sets the official one, then «Б. Исабеков» and the position in each language", async () => {
    const ctx = testCtx(tdb.database);
    const member = await staffMember(ctx, 7301, "head");
    expect(await officialNameOf(ctx.db, member.userId, "kk")).toEqual({ signature: "", position: null, phone: null });
    const named = await setOfficialName(ctx, CONSOLE_OPERATOR, { telegramId: 7301, ...head, phone: "8 (7172) 71-00-01" });
    expect(named.signature).toBe("Б. Исабеков");
    expect(await officialNameOf(ctx.db, member.userId, "kk")).toEqual({ signature: "Б. Исабеков", position: "Меңгеруші", phone: "8 (7172) 71-00-01" });
    expect(await officialNameOf(ctx.db, member.userId, "ru")).toMatchObject({ position: "Заведующий" });
    // Set again: corrected in place, the phone cleared.
    await setOfficialName(ctx, CONSOLE_OPERATOR, { telegramId: 7301, ...head, firstName: "Бақыт" });
    expect(await officialNameOf(ctx.db, member.userId, "ru")).toEqual({ signature: "Б. Исабеков", position: "Заведующий", phone: null });
  });

  it("refuses a citizen, an unknown person, another staff member's name set by a colleague, and a malformed phone", async () => {
    const ctx = testCtx(tdb.database);
    await signedUpCitizen(ctx, 7302);
    expect(await refusal(setOfficialName(ctx, CONSOLE_OPERATOR, { telegramId: 7302, ...head }))).toBe("staff_not_found");
    expect(await refusal(setOfficialName(ctx, CONSOLE_OPERATOR, { telegramId: 7399, ...head }))).toBe("staff_not_found");
    const colleague = await staffMember(ctx, 7303, "reviewer");
    const other = await staffMember(ctx, 7304, "reviewer");
    expect(await refusal(setOfficialName(ctx, colleague, { telegramId: 7304, ...head }))).toBe("forbidden");
    expect(await refusal(setOfficialName(ctx, CONSOLE_OPERATOR, { telegramId: 7304, ...head, phone: "call me" }))).toBe("invalid_input");
    expect((await officialNameOf(ctx.db, other.userId, "kk")).position).toBeNull();
    // Staff may set their own.
    await setOfficialName(ctx, colleague, { telegramId: 7303, surname: "Жұмабеков", firstName: "Ерлан", positionKk: "Бас маман", positionRu: "Главный специалист" });
    expect((await officialNameOf(ctx.db, colleague.userId, "kk")).signature).toBe("Е. Жұмабеков");
  });
});
