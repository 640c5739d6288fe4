/**
 * The output plan: every file a build writes into the site, each with the one
 * source it comes from, worked out before anything is written. Pages come
 * from the page table; beside them are the assets (assets/), attachments,
 * processed images, social cards and the search index's folder (pagefind/,
 * reserved as a whole: Pagefind names its own files). Two sources for one
 * path stop the build with an error naming both, instead of one silently
 * overwriting the other.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { DEFAULT_LOCALE } from "../i18n/locales.ts";
import { imageOutputPaths } from "../images/images.ts";
import { ASSETS_DIR } from "../publish/assets.ts";
import { cardUrl, siteCardUrl } from "../publish/document.ts";
import { PAGE_TABLE } from "../site/page-table.ts";
import type { SiteData } from "../site/site-data.ts";
import type { DocumentPage } from "../site/views.ts";

/** Where the search index is written, as a whole. */
export const SEARCH_FOLDER = "/pagefind/";

export class OutputConflict extends Error {
  constructor(
    readonly sitePath: string,
    readonly first: string,
    readonly second: string,
  ) {
    super(`${sitePath}: two sources would write this file of the site: ${first}, and ${second}. Rename one of them so each file has one source.`);
  }
}

interface Claim {
  source: string;
  /** Claims with the same key write identical bytes (content-hashed image files) and may share a path. */
  sameContent?: string;
}

/** A plan as plain data, for the whole-site cache (./site-cache.ts). */
export interface PlanEntries {
  files: Array<[string, Claim]>;
  folders: Array<[string, string]>;
}

export class OutputPlan {
  private readonly files = new Map<string, Claim>();
  private readonly folders = new Map<string, string>();

  /** Claims the file at `sitePath` ("/a/b/index.html") for `source`; throws OutputConflict if it is taken. */
  claim(sitePath: string, source: string, sameContent?: string): void {
    const key = normalise(sitePath);
    const folder = this.folderOf(key);
    if (folder) throw new OutputConflict(key, folder[1], source);
    const taken = this.files.get(key);
    if (taken) {
      if (sameContent !== undefined && taken.sameContent === sameContent) return;
      throw new OutputConflict(key, taken.source, source);
    }
    this.files.set(key, { source, sameContent });
  }

  /** Reserves the folder `sitePath` ("/pagefind/") and everything in it for `source`. */
  reserveFolder(sitePath: string, source: string): void {
    const prefix = `${normalise(sitePath).replace(/\/+$/, "")}/`;
    for (const [file, claim] of this.files) if (file.startsWith(prefix)) throw new OutputConflict(file, claim.source, source);
    const folder = this.folderOf(prefix);
    if (folder) throw new OutputConflict(prefix, folder[1], source);
    this.folders.set(prefix, source);
  }

  /** The source of the file at `sitePath`, or undefined when the plan has none. */
  sourceOf(sitePath: string): string | undefined {
    const key = normalise(sitePath);
    return this.files.get(key)?.source ?? this.folderOf(key)?.[1];
  }

  /** Every claimed file (not the files inside reserved folders), as site paths. */
  claimedFiles(): string[] {
    return [...this.files.keys()];
  }

  reservedFolders(): string[] {
    return [...this.folders.keys()];
  }

  /** The plan as plain data (`OutputPlan.fromEntries` makes it again). */
  toEntries(): PlanEntries {
    return { files: [...this.files], folders: [...this.folders] };
  }

  static fromEntries(entries: PlanEntries): OutputPlan {
    const plan = new OutputPlan();
    for (const [key, claim] of entries.files) plan.files.set(key, claim);
    for (const [key, source] of entries.folders) plan.folders.set(key, source);
    return plan;
  }

  private folderOf(key: string): [string, string] | undefined {
    for (const entry of this.folders) if (key.startsWith(entry[0])) return entry;
    return undefined;
  }
}

function normalise(sitePath: string): string {
  return `/${sitePath.split("/").filter(Boolean).join("/")}${sitePath.endsWith("/") ? "/" : ""}`;
}

function walk(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full, base) : [path.relative(base, full).split(path.sep).join("/")];
  });
}

/** A page of another kind than a document page, named by its document where it belongs to one (citations). */
function describeSource(kind: string, page: unknown): string {
  const owner = (page as { page?: DocumentPage }).page;
  return owner?.view ? `the ${kind} file of ${owner.view.doc.file} (${owner.locale})` : `the ${kind} page`;
}

/** Every file of the site `data` describes; throws OutputConflict when two sources claim one path. */
export function planOutput(data: SiteData): OutputPlan {
  const plan = new OutputPlan();
  for (const spec of PAGE_TABLE) {
    for (const page of spec.pages(data)) {
      const source =
        spec.kind === "document" ? `the ${(page as DocumentPage).locale} page of ${(page as DocumentPage).view.doc.file}` : describeSource(spec.kind, page);
      plan.claim(spec.file(page), source);
    }
  }
  for (const file of walk(ASSETS_DIR)) plan.claim(`/assets/${file}`, `assets/${file}`);
  const imagesDone = new Set<string>();
  for (const view of data.model.documents) {
    const { doc } = view;
    doc.assets.attachments.forEach((attachment, index) => {
      plan.claim(`${view.urls[DEFAULT_LOCALE]}${attachment.file}`, `attachment "${attachment.file}" of ${doc.file}:${doc.fieldLine(["attachments", index])}`);
    });
    for (const image of doc.assets.images) {
      if (imagesDone.has(image.source)) continue;
      imagesDone.add(image.source);
      for (const file of imageOutputPaths(image)) plan.claim(file, `image ${path.basename(image.source)} of ${doc.file}`, `image:${file}`);
    }
    if (data.config.socialCards === "documents") plan.claim(cardUrl(view), `the social card of ${doc.file}`);
  }
  for (const locale of data.model.locales) plan.claim(siteCardUrl(locale), `the site's social card (${locale})`);
  plan.reserveFolder(SEARCH_FOLDER, "the search index (Pagefind)");
  return plan;
}
