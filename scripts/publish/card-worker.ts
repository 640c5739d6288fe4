/** A worker thread of the card pool (./cards.ts): draws one card with Lysark's renderer and writes it. */
import { createHash } from "node:crypto";
import { renameSync, writeFileSync } from "node:fs";
import { BACKGROUND_THREAD_NICE, lowerThreadPriority } from "../content/thread-priority.ts";
import { renderCard } from "./card-raster.ts";
import type { CardText } from "./card-layout.ts";

export interface CardTask {
  card: CardText;
  /** Written under `temporary` first when given, then renamed to `file`, so no reader sees half a file. */
  file: string;
  temporary?: string;
}

export interface CardResult {
  /** Characters on the card the font has no glyph for. */
  missing: number;
  /** SHA-256 (hex) of the PNG written: the whole-site cache keeps the card by it without reading the file again. */
  hash: string;
}

/** SHA-256 (hex) of a card's PNG bytes. */
export function cardHash(png: Uint8Array): string {
  return createHash("sha256").update(png).digest("hex");
}

/** Settles once this thread has been lowered (../content/thread-priority.ts), before its first card. */
let lowered: Promise<boolean> | undefined;

export default async function drawCardTask(task: CardTask): Promise<CardResult> {
  // Nothing waits for a card before the pages are written: the cards take what pass 1 and the pages leave of the cores.
  await (lowered ??= lowerThreadPriority(BACKGROUND_THREAD_NICE));
  const { png, missing } = renderCard(task.card);
  if (task.temporary) {
    writeFileSync(task.temporary, png);
    renameSync(task.temporary, task.file);
  } else {
    writeFileSync(task.file, png);
  }
  return { missing, hash: cardHash(png) };
}
