/**
 * The work's value if it settles within `ms`, else `fallback`; a failure gives `fallback` too.
 * The work itself goes on: this only stops a caller (a health check, a scrape) from waiting on it.
 */
export async function within<T, F>(work: PromiseLike<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<F>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  try {
    return await Promise.race([Promise.resolve(work).catch(() => fallback), late]);
  } finally {
    clearTimeout(timer);
  }
}
