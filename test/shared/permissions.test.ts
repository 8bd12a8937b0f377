import { describe, expect, it } from "vitest";
import { can } from "../../core/shared/permissions.js";
import type { Actor } from "../../core/shared/roles.js";

const citizen: Actor = { userId: 1, telegramId: 10, role: "citizen", active: true, clearance: false, language: "kk", actingForUserId: null };

describe("permission policy", () => {
  it("lets a citizen read and edit only their own profile", () => {
    expect(can(citizen, "profile.read", { ownerUserId: 1 })).toBe(true);
    expect(can(citizen, "profile.read", { ownerUserId: 2 })).toBe(false);
    expect(can(citizen, "profile.edit", { ownerUserId: 2 })).toBe(false);
  });

  it("keeps the staff menu from citizens and from deactivated staff", () => {
    expect(can(citizen, "staff.menu")).toBe(false);
    expect(can({ ...citizen, role: "registrar" }, "staff.menu")).toBe(true);
    expect(can({ ...citizen, role: "registrar", active: false }, "staff.menu")).toBe(false);
  });

  it("lets a reviewer read and draft only the appeals they hold, and the registry all", () => {
    const reviewer = { ...citizen, userId: 7, role: "reviewer" as const };
    const registrar = { ...citizen, userId: 8, role: "registrar" as const };
    const held = { ownerUserId: 1, holderUserId: 7 };
    const other = { ownerUserId: 1, holderUserId: 9 };
    expect(can(reviewer, "appeal.draft", held)).toBe(true);
    expect(can(reviewer, "appeal.draft", other)).toBe(false);
    expect(can(reviewer, "appeal.read", other)).toBe(false);
    expect(can(registrar, "appeal.read", other)).toBe(true);
    expect(can({ ...citizen, userId: 10, role: "admin" }, "appeal.read", other)).toBe(false);
  });

  it("hides restricted (ҚБПҮ/ДСП) resources from staff without clearance", () => {
    const head = { ...citizen, userId: 5, role: "admin" as const };
    expect(can(head, "system.status", { restricted: true })).toBe(false);
    expect(can({ ...head, clearance: true }, "system.status", { restricted: true })).toBe(true);
  });
});
