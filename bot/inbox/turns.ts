/**
 * Turns to look for work, handed to idle workers one at a time: a look that finds something
 * hands the next turn on, so a burst draws in as many workers as it needs and an idle pool asks
 * the database once per turn, not once per worker. A turn given while nobody waits is kept for
 * the next to wait (one is enough: a look sees everything there is).
 */
export class Turns {
  #waiting: (() => void)[] = [];
  #kept = false;

  give(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#kept = true;
  }

  /** Everyone waiting goes (to see that the pool is stopping). */
  giveAll(): void {
    for (const next of this.#waiting.splice(0)) next();
  }

  wait(): Promise<void> {
    if (this.#kept) {
      this.#kept = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }
}
