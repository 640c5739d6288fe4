import { describe, expect, it } from "vitest";
import { eventLoopTurns, turnsAfter } from "../../scripts/content/event-loop-turns.ts";

describe("eventLoopTurns", () => {
  it("turns the event loop once the time given has passed since the last turn, and not before", async () => {
    // 250 ms, not less: on CI's two loaded cores this thread was once held up more than 50 ms between the turn and
    // the check after it, which then found the time passed again.
    const turn = eventLoopTurns(250);
    expect(turn()).toBeUndefined();
    // Work on the thread: what the event loop holds meanwhile waits for the turn.
    const end = performance.now() + 260;
    while (performance.now() < end);
    let ran = false;
    setImmediate(() => {
      ran = true;
    });
    const pause = turn();
    expect(pause).toBeInstanceOf(Promise);
    expect(ran).toBe(false);
    await pause;
    expect(ran).toBe(true);
    // The time counts afresh from the turn.
    expect(turn()).toBeUndefined();
  });
});

describe("turnsAfter", () => {
  it("waits after a turn while the work named busy runs, however it ends, and not once it is done", async () => {
    let busy: Promise<unknown> | undefined;
    const turn = turnsAfter(() => busy, eventLoopTurns(60_000));
    expect(turn()).toBeUndefined();
    const order: string[] = [];
    let fail!: (error: Error) => void;
    busy = new Promise((_resolve, reject) => {
      fail = reject;
    });
    const waited = turn()!.then(() => order.push("step"));
    let finish!: () => void;
    setTimeout(() => {
      order.push("busy failed");
      // Another piece of work begins as the first ends: the step waits for that one too.
      busy = new Promise<void>((resolve) => {
        finish = resolve;
      });
      fail(new Error("the update's own failure"));
      setTimeout(() => {
        order.push("busy done");
        busy = undefined;
        finish();
      }, 20);
    }, 20);
    await waited;
    expect(order).toEqual(["busy failed", "busy done", "step"]);
    expect(turn()).toBeUndefined();
  });
});
