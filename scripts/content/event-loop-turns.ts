/**
 * Turns of the event loop for a long loop on the main thread: `await turn()` after each step resolves at once
 * until `everyMs` of work has passed since the last turn, then after one turn of the loop. The dev server's
 * search index held the thread for 3 s at its start (5,000 documents), and an edit saved meanwhile waited for it
 * (docs/performance-log.md, "An edit saved during the dev server's first search index").
 */
export function eventLoopTurns(everyMs = 20): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < everyMs) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        since = performance.now();
        resolve();
      }),
    );
  };
}

const ignore = () => undefined;

/**
 * `turns`, each followed by a wait while `busy` names work that goes first (a dev server's update, which an editor
 * waits for), however it settles: a loop in the background then stops at its next step until that work is done.
 */
export function turnsAfter(busy: () => Promise<unknown> | undefined, turns = eventLoopTurns()): () => Promise<void> | undefined {
  return () => {
    const turn = turns();
    if (!turn && !busy()) return undefined;
    return (async () => {
      await turn;
      for (let work = busy(); work; work = busy()) await work.then(ignore, ignore);
    })();
  };
}
