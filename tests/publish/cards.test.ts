/**
 * CardWriter without a site build: identical cards are drawn once, cached
 * cards are linked into the output rather than copied, and a linked card is
 * never overwritten in place (that would change the cache entry).
 */
import { createHash } from "node:crypto";
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BACKGROUND_THREAD_NICE } from "../../scripts/content/thread-priority.ts";
import { CardWriter, placeCard, type CardText } from "../../scripts/publish/cards.ts";
import { mainThreadStat, otherThreads, procStat } from "../helpers/proc.ts";

let work: string;
beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), "lysark-cards-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const card = (title: string): CardText => ({ brand: "Lysark", kicker: "Rapport", title, footer: "Testby kommune · 1. mars 2012", lang: "nb" });
const out = (name: string) => path.join(work, "out", `${name}.png`);
const inode = (file: string) => statSync(file).ino;
/** The main thread's nice value before any test here ran (Linux only). */
const mainNiceAtStart = process.platform === "linux" && existsSync(mainThreadStat) ? procStat(mainThreadStat).nice : undefined;

describe("CardWriter", () => {
  it("draws a card once when several documents have the same one, and links the others to it", async () => {
    const writer = new CardWriter({ limit: 1 });
    writer.add({ file: out("first"), card: card("Samme tittel") });
    writer.add({ file: out("second"), card: card("Samme tittel") });
    writer.add({ file: out("third"), card: card("Samme tittel") });
    writer.add({ file: out("other"), card: card("Annen tittel") });
    expect(await writer.finish()).toBe(2);
    expect(writer.shared).toBe(2);
    expect(readFileSync(out("second")).equals(readFileSync(out("first")))).toBe(true);
    expect(inode(out("third"))).toBe(inode(out("first")));
    expect(readFileSync(out("other")).equals(readFileSync(out("first")))).toBe(false);
  });

  it("knows the SHA-256 of every card it drew or linked to one it drew, on the main thread and on the pool; not of cached ones", async () => {
    const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
    const cacheDir = path.join(work, "cache");
    const earlier = new CardWriter({ cacheDir });
    earlier.add({ file: out("earlier"), card: card("Fra før") });
    await earlier.finish();
    const writer = new CardWriter({ cacheDir, mainThreadCards: 1, threads: 1 });
    writer.add({ file: out("main"), card: card("Hovedtråden") });
    writer.add({ file: out("pool"), card: card("Tråd i bassenget") });
    writer.add({ file: out("pool-again"), card: card("Tråd i bassenget") });
    writer.add({ file: out("cached"), card: card("Fra før") });
    expect(await writer.finish()).toBe(2);
    expect([...writer.hashes.keys()].sort()).toEqual([out("main"), out("pool"), out("pool-again")].sort());
    for (const [file, hash] of writer.hashes) expect(hash).toBe(sha256(file));
  });

  // Not where the tests themselves run at the lowest priority: the pool's threads would start there.
  it.runIf(mainNiceAtStart !== undefined && mainNiceAtStart < BACKGROUND_THREAD_NICE)(
    "draws on threads at the lowest priority, but never lowers the main thread",
    async () => {
      // Threads there before the pool starts (a test worker's own, or another file's) are not the pool's.
      const before = new Set(otherThreads().keys());
      // No pool of the tests before lowered it: a thread started from a lowered main thread would start lowered.
      expect(procStat(mainThreadStat).nice).toBe(mainNiceAtStart);
      const lowered = new Set<string>();
      const look = () => {
        for (const [id, thread] of otherThreads()) if (!before.has(id) && thread.nice === BACKGROUND_THREAD_NICE) lowered.add(id);
      };
      const threads = 2;
      const writer = new CardWriter({ mainThreadCards: 1, threads });
      for (let i = 0; i < 200; i++) writer.add({ file: out(`card-${i}`), card: card(`Rapport nummer ${i}`) });
      const watching = setInterval(look, 2);
      try {
        expect(await writer.finish()).toBe(200);
      } finally {
        clearInterval(watching);
      }
      // Each of the pool's threads lowered itself before its first card; the main thread drew one and stayed as it was.
      expect(lowered.size).toBe(threads);
      expect(procStat(mainThreadStat).nice).toBe(mainNiceAtStart);
    },
  );

  it("draws a different card when only the title changes", async () => {
    const writer = new CardWriter();
    writer.add({ file: out("before"), card: card("Budsjett 2012") });
    writer.add({ file: out("after"), card: card("Budsjett 2013") });
    expect(await writer.finish()).toBe(2);
    expect(writer.shared).toBe(0);
    expect(readFileSync(out("after")).equals(readFileSync(out("before")))).toBe(false);
  });

  it("prunes the cache entries no card of the run used, with their counts, and leaves other files", async () => {
    const cacheDir = path.join(work, "cache");
    const first = new CardWriter({ cacheDir });
    first.add({ file: out("kept"), card: card("Blir med") });
    first.add({ file: out("gone"), card: card("Forsvinner") });
    expect(await first.finish()).toBe(2);
    const gone = first.cacheKey(card("Forsvinner"));
    writeFileSync(path.join(cacheDir, `${gone}.png.missing`), "3");
    writeFileSync(path.join(cacheDir, "someone-elses.txt"), "not a card");

    const second = new CardWriter({ cacheDir });
    second.add({ file: out("kept"), card: card("Blir med") });
    expect(await second.finish()).toBe(0);
    expect(second.prune()).toBe(1);
    expect(readdirSync(cacheDir).sort()).toEqual([`${second.cacheKey(card("Blir med"))}.png`, "someone-elses.txt"]);
    expect(new CardWriter().prune()).toBe(0);
  });

  it("links cached cards into the output instead of copying them", async () => {
    const cacheDir = path.join(work, "cache");
    const first = new CardWriter({ cacheDir });
    first.add({ file: out("a"), card: card("Kort a") });
    expect(await first.finish()).toBe(1);
    const [entry] = readdirSync(cacheDir);
    const cached = path.join(cacheDir, entry!);
    expect(inode(out("a"))).toBe(inode(cached));

    rmSync(path.join(work, "out"), { recursive: true });
    const again = new CardWriter({ cacheDir });
    again.add({ file: out("a"), card: card("Kort a") });
    expect(await again.finish()).toBe(0);
    expect(inode(out("a"))).toBe(inode(cached));
  });

  it("leaves a card linked to its cache entry already where it is, and says which it left (npm start's whole-site render)", async () => {
    const cacheDir = path.join(work, "cache");
    const first = new CardWriter({ cacheDir });
    first.add({ file: out("a"), card: card("Kort a") });
    first.add({ file: out("b"), card: card("Kort b") });
    await first.finish();
    // b is a copy now, with the same bytes, not the cache entry: it is placed again.
    const copy = readFileSync(out("b"));
    rmSync(out("b"));
    writeFileSync(out("b"), copy);

    const leftInPlace = new Set<string>();
    const again = new CardWriter({ cacheDir, leftInPlace });
    for (const name of ["a", "b"]) again.add({ file: out(name), card: card(`Kort ${name}`) });
    // The same card for a third page is linked to the first's file, which is the cache entry, and is new there.
    again.add({ file: out("c"), card: card("Kort a") });
    again.add({ file: out("d"), card: card("Kort d") });
    expect(await again.finish()).toBe(1);
    expect([...leftInPlace]).toEqual([out("a")]);
    const entryOf = (name: string) => readdirSync(cacheDir).find((entry) => inode(path.join(cacheDir, entry)) === inode(out(name)));
    for (const name of ["a", "b", "c", "d"]) expect(entryOf(name), name).toBeDefined();

    const once = new CardWriter({ cacheDir, leftInPlace });
    for (const name of ["a", "b", "c", "d"]) once.add({ file: out(name), card: card(`Kort ${name === "c" ? "a" : name}`) });
    await once.finish();
    expect([...leftInPlace].sort()).toEqual([out("a"), out("b"), out("c"), out("d")]);
  });

  it("never writes through a linked card into the cache entry it shares", async () => {
    const cacheDir = path.join(work, "cache");
    const first = new CardWriter({ cacheDir });
    first.add({ file: out("a"), card: card("Gammel tittel") });
    await first.finish();
    const cached = path.join(cacheDir, readdirSync(cacheDir)[0]!);
    const before = readFileSync(cached);

    // The same output file gets another card (an edited title in the dev server): drawn, cached and linked anew.
    const edited = new CardWriter({ cacheDir });
    edited.add({ file: out("a"), card: card("Ny tittel") });
    expect(await edited.finish()).toBe(1);
    expect(readFileSync(cached).equals(before)).toBe(true);
    expect(readFileSync(out("a")).equals(before)).toBe(false);

    // Without a cache the drawn card is written as a new file too, leaving the entry out/a was linked to as it was.
    const linked = readdirSync(cacheDir)
      .map((name) => path.join(cacheDir, name))
      .find((file) => inode(file) === inode(out("a")))!;
    const linkedBytes = readFileSync(linked);
    const uncached = new CardWriter();
    uncached.add({ file: out("a"), card: card("Tredje tittel") });
    await uncached.finish();
    expect(readFileSync(linked).equals(linkedBytes)).toBe(true);
    expect(readFileSync(out("a")).equals(linkedBytes)).toBe(false);
  });

  it("placeCard replaces what is at the target and copies where it cannot link", () => {
    const source = path.join(work, "source.png");
    const target = path.join(work, "target.png");
    writeFileSync(source, "card");
    writeFileSync(target, "old");
    expect(placeCard(source, target)).toBe(true);
    expect(readFileSync(target, "utf8")).toBe("card");
    expect(inode(target)).toBe(inode(source));
    // Placed already: left as it is, whatever the link would do.
    expect(
      placeCard(source, target, () => {
        throw new Error("linked again");
      }),
    ).toBe(false);
    expect(inode(target)).toBe(inode(source));
    // A symbolic link to the card is not the card's own file: replaced by a hard link.
    const pointer = path.join(work, "pointer.png");
    symlinkSync(source, pointer);
    expect(placeCard(source, pointer)).toBe(true);
    expect(lstatSync(pointer).isSymbolicLink()).toBe(false);
    expect(inode(pointer)).toBe(inode(source));

    const elsewhere = path.join(work, "elsewhere.png");
    placeCard(source, elsewhere, () => {
      throw Object.assign(new Error("cross-device link not permitted"), { code: "EXDEV" });
    });
    expect(readFileSync(elsewhere, "utf8")).toBe("card");
    expect(inode(elsewhere)).not.toBe(inode(source));
  });
});
