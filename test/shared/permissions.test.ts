import { describe, expect, it } from "vitest";
import { assertCan, can, CITIZEN_ACTIONS, type Action } from "../../core/shared/permissions.js";
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

  it("shows the staff card to staff who may read the appeal, never to the citizen who owns it", () => {
    const reviewer = { ...citizen, userId: 7, role: "reviewer" as const };
    const own = { ownerUserId: 1, holderUserId: 7 };
    expect(can(citizen, "appeal.read", own)).toBe(true);
    expect(can(citizen, "appeal.staff_view", own)).toBe(false);
    expect(can(reviewer, "appeal.staff_view", own)).toBe(true);
    expect(can(reviewer, "appeal.staff_view", { ownerUserId: 1, holderUserId: 9 })).toBe(false);
    expect(can({ ...citizen, userId: 8, role: "registrar" }, "appeal.staff_view", own)).toBe(true);
  });

  it("tells a citizen that any staff action is not for them, before looking at what it names", () => {
    const staffActions = (Object.keys(POLICY_SAMPLE) as Action[]).filter((a) => !CITIZEN_ACTIONS.includes(a));
    for (const action of staffActions) {
      // Even where the citizen owns or holds the resource.
      expect(can(citizen, action, { ownerUserId: 1, holderUserId: 1 }), action).toBe(false);
      expect(() => assertCan(citizen, action, { ownerUserId: 1, holderUserId: 1 }), action).toThrow("staff_only");
    }
    expect(() => assertCan({ ...citizen, role: "reviewer" }, "staff.invite")).toThrow("forbidden");
    expect(() => assertCan(citizen, "appeal.withdraw", { ownerUserId: 2 })).toThrow("forbidden");
  });

  it("lets anyone search a list they were shown, while their access lasts", () => {
    for (const role of ["citizen", "registrar", "admin"] as const) expect(can({ ...citizen, role }, "list.search")).toBe(true);
    expect(() => assertCan({ ...citizen, role: "reviewer", active: false }, "list.search")).toThrow("staff_deactivated");
  });

  it("hides restricted (ҚБПҮ/ДСП) resources from staff without clearance", () => {
    const head = { ...citizen, userId: 5, role: "admin" as const };
    expect(can(head, "system.status", { restricted: true })).toBe(false);
    expect(can({ ...head, clearance: true }, "system.status", { restricted: true })).toBe(true);
  });
});

/** Every action of the policy, so a new one is checked too (the compiler keeps this list complete). */
const POLICY_SAMPLE: Record<Action, true> = {
  "profile.read": true,
  "profile.edit": true,
  "appeal.submit": true,
  "appeal.read": true,
  "appeal.staff_view": true,
  "appeal.withdraw": true,
  "appeal.supplement": true,
  "appeal.rate": true,
  "appeal.classify": true,
  "appeal.forward": true,
  "appeal.draft": true,
  "appeal.approve": true,
  "appeal.extension.request": true,
  "appeal.extend": true,
  "appeal.audit": true,
  "appeal.search": true,
  "appeal.personal_data": true,
  "appeal.by_post": true,
  "staff.menu": true,
  "staff.invite": true,
  "staff.deactivate": true,
  "staff.name": true,
  "outbox.manage": true,
  "staff.delegate": true,
  "staff.reminders": true,
  "units.manage": true,
  "system.status": true,
  "reception.book": true,
  "reception.schedule": true,
  "reception.handle": true,
  "reception.day": true,
  "control.record": true,
  "control.record_reception": true,
  "control.decide": true,
  "control.execute": true,
  "control.list": true,
  "list.search": true,
  "registry.journal": true,
  "registry.export": true,
  "registry.restrict": true,
  "registry.nomenclature": true,
  "registry.retention": true,
  "appeal.register_paper": true,
  "appeal.group": true,
  "appeal.track": true,
  "analytics.read": true,
};
