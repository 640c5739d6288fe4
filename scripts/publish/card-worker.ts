/** A worker thread of the card pool (./cards.ts): draws one card with Lysark's renderer and writes it. */
import { renameSync, writeFileSync } from "node:fs";
import { renderCard } from "./card-raster.ts";
import type { CardText } from "./card-layout.ts";

export interface CardTask {
  card: CardText;
  /** Written under `temporary` first when given, then renamed to `file`, so no reader sees half a file. */
  file: string;
  temporary?: string;
}

export default function drawCardTask(task: CardTask): number {
  const { png, missing } = renderCard(task.card);
  if (task.temporary) {
    writeFileSync(task.temporary, png);
    renameSync(task.temporary, task.file);
  } else {
    writeFileSync(task.file, png);
  }
  return missing;
}
