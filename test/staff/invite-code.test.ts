import { describe, expect, it } from "vitest";
import { inviteCodeHash, INVITE_ALPHABET, newInviteCode, normalizeInviteCode } from "../../core/staff/invite-code.js";
import { can } from "../../core/shared/permissions.js";
import type { Actor } from "../../core/shared/roles.js";

describe("invite codes", () => {
  it("fit Telegram's start parameter (A–Z a–z 0–9 _ -, at most 64) after join_, without look-alike characters", () => {
    for (let i = 0; i < 200; i++) expect(`join_${newInviteCode()}`).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(INVITE_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it("hash the same however the person typed the code", () => {
    expect(normalizeInviteCode(" abcd-efgh jk ")).toBe("ABCDEFGHJK");
    expect(inviteCodeHash("abcdefghjk")).toBe(inviteCodeHash("ABCDE FGHJK"));
    expect(inviteCodeHash("ABCDEFGHJK")).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("staff administration policy", () => {
  const admin: Actor = { userId: 1, telegramId: 1, role: "admin", active: true, clearance: false, language: "kk", actingForUserId: null };
  it("leaves invites, deactivation and units to an active administrator", () => {
    for (const action of ["staff.invite", "staff.deactivate", "units.manage"] as const) {
      expect(can(admin, action)).toBe(true);
      expect(can({ ...admin, active: false }, action)).toBe(false);
      expect(can({ ...admin, role: "head" }, action)).toBe(false);
      expect(can({ ...admin, role: "citizen" }, action)).toBe(false);
    }
  });
});
