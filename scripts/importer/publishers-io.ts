/** Reading the known publishers from the `_publisher.yaml` files in the content folder (the CLI's only file-system lookup). */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { PublisherInfo } from "./publisher.js";

export function readPublishers(contentDir: string): PublisherInfo[] {
  if (!existsSync(contentDir)) return [];
  const out: PublisherInfo[] = [];
  for (const entry of readdirSync(contentDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith("_") || entry.name.startsWith(".")) continue;
    const file = path.join(contentDir, entry.name, "_publisher.yaml");
    if (!existsSync(file)) continue;
    let data: unknown;
    try {
      data = parse(readFileSync(file, "utf8"));
    } catch {
      data = undefined; // a broken file is the validator's business; the folder still counts as an id
    }
    const rec = (data && typeof data === "object" ? data : {}) as Record<string, unknown>;
    const names: Record<string, string> = {};
    if (rec.names && typeof rec.names === "object") {
      for (const [k, v] of Object.entries(rec.names as Record<string, unknown>)) if (typeof v === "string") names[k] = v;
    }
    const movedFrom = Array.isArray(rec.movedFrom) ? rec.movedFrom.filter((old): old is string => typeof old === "string") : [];
    out.push({ id: entry.name, names, parent: typeof rec.parent === "string" ? rec.parent : undefined, ...(movedFrom.length ? { movedFrom } : {}) });
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}
