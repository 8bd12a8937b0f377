import { eq } from "drizzle-orm";
import { addOfficial } from "../../core/reception/officials.js";
import { materialiseAllSlots, setWeeklyHours } from "../../core/reception/schedule.js";
import type { Ctx } from "../../core/shared/context.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { officials } from "../../db/schema/index.js";

/**
 * Made-up officials of the local sandbox, each with a reception schedule, so a tester can book,
 * move and cancel. Their names say "demo"; none of them is a real person.
 */
const PLACE = { placeKk: "Астана, Қонаев к-сі, 39 (демо мекенжай), 1-қабат, қабылдау залы", placeRu: "Астана, ул. Кунаева, 39 (демо-адрес), 1 этаж, приёмная" };

const DEMO_OFFICIALS = [
  {
    nameKk: "Демо: Сәрсенов Ерболат",
    nameRu: "Демо: Сарсенов Ерболат",
    titleKk: "Жоғарғы Сот Төрағасы (демо)",
    titleRu: "Председатель Верховного Суда (демо)",
    bookingWindowDays: 30,
    minNoticeHours: 24,
    directBooking: false,
    // Once a week, on Thursday afternoon.
    hours: [{ weekday: 4, starts: "15:00", ends: "17:00", slotMinutes: 20 }],
  },
  {
    nameKk: "Демо: Жақыпова Әсем",
    nameRu: "Демо: Жакыпова Асем",
    titleKk: "Сот әкімшілігінің басшысы (демо)",
    titleRu: "Руководитель Судебной администрации (демо)",
    bookingWindowDays: 30,
    minNoticeHours: 24,
    directBooking: true,
    hours: [2, 4].map((weekday) => ({ weekday, starts: "10:00", ends: "13:00", slotMinutes: 30, breakStarts: "11:30", breakEnds: "12:00" })),
  },
  {
    nameKk: "Демо: Омаров Тимур",
    nameRu: "Демо: Омаров Тимур",
    titleKk: "Сот әкімшілігі басшысының орынбасары (демо)",
    titleRu: "Заместитель руководителя Судебной администрации (демо)",
    bookingWindowDays: 21,
    minNoticeHours: 12,
    directBooking: true,
    hours: [1, 3, 5].map((weekday) => ({ weekday, starts: "09:00", ends: "12:00", slotMinutes: 30 })),
  },
];

/** Adds the demo officials on the sandbox's first start, and keeps their slots a booking window ahead on every start. */
export async function seedDemoOfficials(core: Ctx): Promise<void> {
  const [existing] = await core.db.select({ id: officials.id }).from(officials).where(eq(officials.demo, true)).limit(1);
  if (!existing) {
    for (const { hours, ...official } of DEMO_OFFICIALS) {
      const added = await addOfficial(core, CONSOLE_OPERATOR, { ...official, ...PLACE, demo: true });
      await setWeeklyHours(core, CONSOLE_OPERATOR, { officialId: added.id, hours });
    }
  }
  await materialiseAllSlots(core);
}
