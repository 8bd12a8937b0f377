import { tmpdir } from "node:os";
import { randomInt, randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { count, countDistinct, eq, max, min, sql } from "drizzle-orm";
import { pino } from "pino";
import { APPEAL_TYPES, NUMBER_PREFIX } from "../core/appeals/kinds.js";
import { registerAppeal, type RegisterInput } from "../core/appeals/register.js";
import type { Receipt } from "../core/appeals/receipt.js";
import type { CitizenKind } from "../core/citizens/profile.js";
import { diskFileStore } from "../core/files/file-store.js";
import { systemClock } from "../core/shared/clock.js";
import type { Ctx } from "../core/shared/context.js";
import { idNumberProblem } from "../core/shared/iin.js";
import type { Actor } from "../core/shared/roles.js";
import type { Db } from "../db/client.js";
import { appeals, citizens, numberSequences, users } from "../db/schema/index.js";
import { openBenchDatabase, percentile } from "./bench-database.js";

/**
 * Registration of appeals on PostgreSQL: N citizens confirm their appeals all at the same moment,
 * then the database is checked for what numbering promises (DESIGN §2): every number unique,
 * gapless per prefix and year, one appeal per draft even when a draft is confirmed again.
 */
const CITIZENS = Number(process.env.BENCH_REGISTRATIONS ?? 10_000);
/** The pool queues the calls beyond it, as the bot's pool would under a burst. */
const POOL = 32;
const RETRIES = 100;
const INSERT_CHUNK = 1_000;
const TELEGRAM_ID_BASE = 7_000_000;

interface Applicant {
  actor: Actor;
  input: RegisterInput;
}

/** Twelve digits with a valid check digit, or null when no check digit fits this body. */
function withCheckDigit(body: string): string | null {
  for (let d = 0; d <= 9; d++) if (idNumberProblem(body + d) === null) return body + d;
  return null;
}

/** A valid IIN (individual) or BIN (legal entity: fifth digit 4, a resident) for the i-th citizen. */
function idNumber(i: number, kind: CitizenKind): string {
  const serial = String(i % 100_000).padStart(5, "0");
  for (let k = 0; ; k++) {
    const id = withCheckDigit(kind === "individual" ? `${870615 + k}${serial}` : `${2105 + k}40${serial}`);
    if (id) return id;
  }
}

const COURTS = ["районный суд № 2 Алматинского района г. Астаны", "Медеуский районный суд г. Алматы", "специализированный межрайонный экономический суд Карагандинской области"];

/** An appeal of the length people write: a few paragraphs with a case number and dates. */
function appealText(i: number, language: "kk" | "ru"): string {
  const caseNo = `${2 + (i % 7)}-${1000 + (i % 8999)}/2026`;
  if (language === "kk") {
    return [
      `Құрметті Сот әкімшілігінің Бас басқармасы!`,
      `Менің № ${caseNo} азаматтық ісім ${1 + (i % 28)} наурыздан бері қаралып жатыр, бірақ сот отырысы үш рет кейінге қалдырылды.`,
      `Хаттаманың көшірмесін алу туралы өтінішім жауапсыз қалды. Істің қай сатыда екенін және келесі отырыс қашан болатынын хабарлауыңызды сұраймын.`,
      `Жауапты осы чатқа жіберуіңізді сұраймын.`,
    ].join("\n\n");
  }
  return [
    `Уважаемое Главное управление Судебной администрации!`,
    `Моё гражданское дело № ${caseNo} находится в производстве суда (${COURTS[i % COURTS.length]}) с ${1 + (i % 28)} марта 2026 года. За это время заседание откладывалось трижды, о причинах стороны извещены не были.`,
    `${5 + (i % 20)} апреля я подал(а) ходатайство о выдаче копии протокола судебного заседания, однако ответа не получил(а). Прошу сообщить, на какой стадии находится рассмотрение дела, когда назначено следующее заседание, и разъяснить порядок получения копии протокола.`,
    `Приложение: копия квитанции об оплате государственной пошлины.`,
  ].join("\n\n");
}

function registerInput(i: number): RegisterInput {
  const language = i % 3 === 0 ? "kk" : "ru";
  const byPost = i % 8 === 0;
  return {
    draftId: randomUUID(),
    type: APPEAL_TYPES[i % APPEAL_TYPES.length]!,
    text: appealText(i, language),
    language,
    replyChannel: byPost ? "post" : "chat",
    postalAddress: byPost ? `0100${String(i % 100).padStart(2, "0")}, г. Астана, ул. Кенесары, д. ${1 + (i % 90)}, кв. ${1 + (i % 200)}` : null,
  };
}

/** Users and profiles inserted in bulk: sign-up is not what is measured here. */
async function createApplicants(db: Db, n: number): Promise<Applicant[]> {
  const now = new Date();
  const applicants: Applicant[] = [];
  for (let start = 0; start < n; start += INSERT_CHUNK) {
    const indices = Array.from({ length: Math.min(INSERT_CHUNK, n - start) }, (_, k) => start + k);
    const rows = await db
      .insert(users)
      .values(indices.map((i) => ({ telegramId: TELEGRAM_ID_BASE + i, language: i % 3 === 0 ? "kk" : "ru", createdAt: now })))
      .returning({ id: users.id, telegramId: users.telegramId });
    await db.insert(citizens).values(
      rows.map((row, k) => {
        const i = indices[k]!;
        const kind: CitizenKind = i % 10 === 0 ? "legal" : "individual";
        const legal = kind === "legal";
        return {
          userId: row.id,
          kind,
          fullName: legal ? "Нурланов Ерлан Серикович" : "Серікқызы Айгерім Болатқызы",
          iin: legal ? null : idNumber(i, kind),
          bin: legal ? idNumber(i, kind) : null,
          organization: legal ? `ТОО «Дала-${i}»` : null,
          phone: `+7701${String(i).padStart(7, "0")}`,
          createdAt: now,
          updatedAt: now,
        };
      }),
    );
    rows.forEach((row, k) => {
      const i = indices[k]!;
      const actor: Actor = { userId: row.id, telegramId: row.telegramId, role: "citizen", active: true, clearance: false, language: i % 3 === 0 ? "kk" : "ru", actingForUserId: null };
      applicants.push({ actor, input: registerInput(i) });
    });
  }
  return applicants;
}

/** Every applicant confirms at once; the latency of a call includes its wait for a connection. */
async function registerAll(ctx: Ctx, applicants: Applicant[]) {
  const latencies: number[] = [];
  const started = performance.now();
  const results = await Promise.allSettled(
    applicants.map(async ({ actor, input }) => {
      const t0 = performance.now();
      const receipt = await registerAppeal(ctx, actor, input);
      latencies.push(performance.now() - t0);
      return receipt;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const receipts = results.map((r) => (r.status === "fulfilled" ? r.value : null));
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failures.length > 0) console.error(`${failures.length} registrations failed, first:`, failures[0]!.reason);
  return { seconds, receipts, failed: failures.length, latencies: latencies.sort((a, b) => a - b) };
}

/** What the database holds, judged against the promise of DESIGN §2. */
async function verify(db: Db, applicants: Applicant[], receipts: (Receipt | null)[]) {
  const [totals] = await db
    .select({
      appeals: count(),
      numbers: countDistinct(appeals.number),
      malformed: sql<number>`count(*) filter (where ${appeals.number} <> ${appeals.prefix} || '-' || ${appeals.year} || '-' || lpad(${appeals.seq}::text, 6, '0'))`.mapWith(Number),
    })
    .from(appeals);
  const groups = await db
    .select({ prefix: appeals.prefix, year: appeals.year, n: count(), seqs: countDistinct(appeals.seq), first: min(appeals.seq), last: max(appeals.seq) })
    .from(appeals)
    .groupBy(appeals.prefix, appeals.year);
  const counters = await db.select().from(numberSequences);
  const gapless = groups.every(
    (g) => g.seqs === g.n && g.first === 1 && g.last === g.n && counters.some((c) => c.prefix === g.prefix && c.year === g.year && c.last === g.n),
  );
  const [wrongPrefix] = await db
    .select({ n: count() })
    .from(appeals)
    .innerJoin(citizens, eq(citizens.userId, appeals.citizenUserId))
    .where(sql`${appeals.prefix} <> case ${citizens.kind} when 'legal' then ${NUMBER_PREFIX.legal} else ${NUMBER_PREFIX.individual} end`);
  const stored = new Map((await db.select({ draftId: appeals.draftId, number: appeals.number }).from(appeals)).map((r) => [r.draftId, r.number]));
  const receiptMismatches = applicants.filter((a, i) => stored.get(a.input.draftId) !== receipts[i]?.number).length;
  return {
    count: totals!.appeals,
    unique: totals!.numbers === totals!.appeals && totals!.malformed === 0,
    gapless,
    groups,
    wrongPrefix: wrongPrefix!.n,
    receiptMismatches,
  };
}

/** Random drafts confirmed again, all at once: no new appeal, the same receipt back. */
async function reconfirm(ctx: Ctx, applicants: Applicant[], receipts: (Receipt | null)[], n: number): Promise<number> {
  const chosen = new Set<number>();
  while (chosen.size < n) chosen.add(randomInt(applicants.length));
  const picked = [...chosen];
  const [before] = await ctx.db.select({ n: count() }).from(appeals);
  const again = await Promise.all(picked.map((i) => registerAppeal(ctx, applicants[i]!.actor, applicants[i]!.input)));
  const [after] = await ctx.db.select({ n: count() }).from(appeals);
  const changed = again.filter((r, k) => r.number !== receipts[picked[k]!]?.number || r.appealId !== receipts[picked[k]!]?.appealId).length;
  return after!.n - before!.n + changed;
}

export async function run(): Promise<void> {
  const bench = await openBenchDatabase("otinish_bench_registrations", POOL);
  try {
    const ctx: Ctx = { db: bench.database.db, clock: systemClock, log: pino({ level: "silent" }), files: diskFileStore(tmpdir()) };
    const setupStarted = performance.now();
    const applicants = await createApplicants(ctx.db, CITIZENS);
    const setupSeconds = (performance.now() - setupStarted) / 1000;

    const { seconds, receipts, failed, latencies } = await registerAll(ctx, applicants);
    const checked = await verify(ctx.db, applicants, receipts);
    const retries = Math.min(RETRIES, CITIZENS);
    const duplicatesOnRetry = await reconfirm(ctx, applicants, receipts, retries);

    const perSecond = latencies.length / seconds;
    const byGroup = checked.groups.map((g) => `${g.prefix}-${g.year}: ${g.n} (seq ${g.first}..${g.last})`).join(", ");
    console.log(`${CITIZENS} citizens set up in ${setupSeconds.toFixed(1)} s; ${latencies.length} registrations at once on a pool of ${POOL} in ${seconds.toFixed(1)} s (${failed} failed)`);
    console.log(
      `${byGroup}; unique ${checked.unique}, gapless ${checked.gapless}, wrong prefix ${checked.wrongPrefix}, receipts unlike the database ${checked.receiptMismatches}; ${retries} drafts confirmed again: ${duplicatesOnRetry} duplicates`,
    );
    const ok =
      failed === 0 && checked.count === CITIZENS && checked.unique && checked.gapless && checked.wrongPrefix === 0 && checked.receiptMismatches === 0 && duplicatesOnRetry === 0;
    console.log(
      JSON.stringify({
        bench: "registrations",
        database: "postgres",
        registrations: checked.count,
        failed,
        unique: checked.unique,
        gapless: checked.gapless,
        duplicates_on_retry: duplicatesOnRetry,
        per_s: Math.round(perSecond),
        p50_ms: Number(percentile(latencies, 50).toFixed(2)),
        p99_ms: Number(percentile(latencies, 99).toFixed(2)),
        pool: POOL,
        ok,
      }),
    );
    if (!ok) process.exitCode = 1;
  } finally {
    await bench.dispose();
  }
}
