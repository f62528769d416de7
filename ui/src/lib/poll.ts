// Long work answered by one command (an import, a packet) and its progress asked of Rust on a
// timer meanwhile: the command table answers each command once, so the window polls.

/** Runs `work`; until it settles, asks `ask` every `ms` milliseconds and hands each answer to
 *  `told`. An answer that arrives after the work settled is dropped, and a failed ask is
 *  ignored: the work's own answer says what went wrong. */
export async function withProgress<T, P>(work: () => Promise<T>, ask: () => Promise<P>, told: (progress: P) => void, ms: number): Promise<T> {
  let done = false;
  const poll = async () => {
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, ms));
      if (done) break;
      try {
        const progress = await ask();
        if (!done) told(progress);
      } catch {
        // The work's own answer says what went wrong.
      }
    }
  };
  void poll();
  try {
    return await work();
  } finally {
    done = true;
  }
}
