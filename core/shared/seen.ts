/**
 * What one update has read already. The person behind an update, their flows and their profile are
 * read in one statement as it starts; a later read of the same thing in the same update is answered
 * from here instead of asking the database again. Whoever writes such a thing forgets it here, so a
 * read after a write goes to the database. It lives as long as the update's handling.
 */
export class Seen {
  private readonly known = new Map<string, unknown>();

  /** The value kept under `key`, or undefined when nothing is known. */
  get<T>(key: string): T | undefined {
    return this.known.get(key) as T | undefined;
  }

  set(key: string, value: unknown): void {
    this.known.set(key, value);
  }

  /** The keys kept that start with `prefix`. */
  keys(prefix: string): string[] {
    return [...this.known.keys()].filter((key) => key.startsWith(prefix));
  }

  forget(...keys: string[]): void {
    for (const key of keys) this.known.delete(key);
  }
}
