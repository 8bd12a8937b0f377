/** `npm run bench -- <name>`: runs one benchmark; its figures are the last line, as JSON. */
const BENCHMARKS: Record<string, () => Promise<{ run(args: string[]): Promise<void> }>> = {
  updates: () => import("./updates.js"),
  mixed: () => import("./mixed.js"),
  registrations: () => import("./registrations.js"),
  digest: () => import("./digest.js"),
  booking: () => import("./booking.js"),
  "control-reminders": () => import("./control-reminders.js"),
  delivery: () => import("./delivery.js"),
  startup: () => import("./startup.js"),
  "chaos-db": () => import("./chaos-db.js"),
  property: () => import("./property.js"),
  "chaos-kill": () => import("./chaos-kill.js"),
  "chaos-instances": () => import("./chaos-instances.js"),
  journals: () => import("./journals.js"),
  stats: () => import("./stats.js"),
};

const [name, ...args] = process.argv.slice(2);
const load = name ? BENCHMARKS[name] : undefined;
if (!load) {
  console.error(`usage: npm run bench -- <${Object.keys(BENCHMARKS).join("|")}>`);
  process.exit(2);
}
await (await load()).run(args);
