/** `--name value` pairs of a bench's command line, whole numbers, under the names the bench uses. */
export function parseOptions<K extends string>(args: string[], names: Record<string, K>): Partial<Record<K, number>> {
  const options: Partial<Record<K, number>> = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = names[args[i]?.replace(/^--/, "") ?? ""];
    const value = Number(args[i + 1]);
    if (!name || !Number.isInteger(value) || value < 0) throw new Error(`unknown option or bad value: ${args[i]} ${args[i + 1] ?? ""} (known: ${Object.keys(names).map((n) => `--${n}`).join(" ")})`);
    options[name] = value;
  }
  return options;
}
