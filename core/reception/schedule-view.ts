import { and, asc, eq, gte } from "drizzle-orm";
import { officials, receptionExceptions, receptionHours } from "../../db/schema/index.js";
import { almatyDate } from "../calendar/dates.js";
import type { Ctx } from "../shared/context.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { officialById, type Official } from "./officials.js";

export type WeeklyHours = typeof receptionHours.$inferSelect;
export type DatedException = typeof receptionExceptions.$inferSelect;

export interface OfficialSchedule {
  official: Official;
  hours: WeeklyHours[];
  /** Today's and later exceptions. */
  exceptions: DatedException[];
}

/** Every official, those not receiving too, for the staff who keep their schedules. */
export async function officialsForSchedules(ctx: Ctx, actor: Actor): Promise<Official[]> {
  assertCan(actor, "reception.schedule");
  return ctx.db.select().from(officials).orderBy(asc(officials.id));
}

/** One official's weekly hours and coming exceptions, as reception staff review them. */
export async function officialSchedule(ctx: Ctx, actor: Actor, officialId: number): Promise<OfficialSchedule> {
  assertCan(actor, "reception.schedule");
  const official = await officialById(ctx.db, officialId, false);
  const [hours, exceptions] = await Promise.all([
    ctx.db.select().from(receptionHours).where(eq(receptionHours.officialId, officialId)).orderBy(asc(receptionHours.weekday), asc(receptionHours.starts)),
    ctx.db
      .select()
      .from(receptionExceptions)
      .where(and(eq(receptionExceptions.officialId, officialId), gte(receptionExceptions.day, almatyDate(ctx.clock.now()))))
      .orderBy(asc(receptionExceptions.day)),
  ]);
  return { official, hours, exceptions };
}
