/**
 * The output plan's ledger: every file of the site with its one source, and
 * the folders reserved as a whole. In a module of its own (planOutput, which
 * fills it from the page table, is in ./output-plan.ts) so a build that reuses
 * the whole site (./site-cache.ts) can give back its plan without loading the
 * page table.
 */

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

/**
 * A file's source: a text, or something that says it when asked. A large site
 * claims tens of thousands of files (ten or more a document), and a text made
 * for each one was a tenth of the main thread's live heap at N = 5000; the
 * words are needed only in a conflict's message or when someone asks.
 */
export type ClaimSource = string | { describe(): string };

/** The text of `source`. */
export function describeClaim(source: ClaimSource): string {
  return typeof source === "string" ? source : source.describe();
}

/**
 * A claim whose file others may claim too: claims with the same key write identical bytes (content-hashed image
 * files) and may share a path. Any other claim is held as its source alone, without an object around it (one for
 * each of the 213,000 files of a 20,000-document site).
 */
class SharedClaim {
  constructor(
    readonly source: ClaimSource,
    readonly sameContent: string,
  ) {}
}
type Claim = ClaimSource | SharedClaim;
const claimOf = (source: ClaimSource, sameContent: string | undefined): Claim => (sameContent === undefined ? source : new SharedClaim(source, sameContent));
const sourceOfClaim = (claim: Claim): ClaimSource => (claim instanceof SharedClaim ? claim.source : claim);

/** A plan as plain data, for the whole-site cache (./site-cache.ts). */
export interface PlanEntries {
  files: Array<[string, { source: string; sameContent?: string }]>;
  folders: Array<[string, string]>;
}

export class OutputPlan {
  private readonly files = new Map<string, Claim>();
  private readonly folders = new Map<string, string>();

  /** Claims the file at `sitePath` ("/a/b/index.html") for `source`; throws OutputConflict if it is taken. */
  claim(sitePath: string, source: ClaimSource, sameContent?: string): void {
    const key = normalise(sitePath);
    const folder = this.folderOf(key);
    if (folder) throw new OutputConflict(key, folder[1], describeClaim(source));
    const taken = this.files.get(key);
    if (taken !== undefined) {
      if (sameContent !== undefined && taken instanceof SharedClaim && taken.sameContent === sameContent) return;
      throw new OutputConflict(key, describeClaim(sourceOfClaim(taken)), describeClaim(source));
    }
    this.files.set(key, claimOf(source, sameContent));
  }

  /** Reserves the folder `sitePath` ("/pagefind/") and everything in it for `source`. */
  reserveFolder(sitePath: string, source: string): void {
    const prefix = `${normalise(sitePath).replace(/\/+$/, "")}/`;
    for (const [file, claim] of this.files) if (file.startsWith(prefix)) throw new OutputConflict(file, describeClaim(sourceOfClaim(claim)), source);
    const folder = this.folderOf(prefix);
    if (folder) throw new OutputConflict(prefix, folder[1], source);
    this.folders.set(prefix, source);
  }

  /** The source of the file at `sitePath`, or undefined when the plan has none. */
  sourceOf(sitePath: string): string | undefined {
    const key = normalise(sitePath);
    const claim = this.files.get(key);
    return claim !== undefined ? describeClaim(sourceOfClaim(claim)) : this.folderOf(key)?.[1];
  }

  /** Every claimed file (not the files inside reserved folders), as site paths. */
  claimedFiles(): string[] {
    return [...this.files.keys()];
  }

  reservedFolders(): string[] {
    return [...this.folders.keys()];
  }

  /** The plan as plain data (`OutputPlan.fromEntries` makes it again), every source in words. */
  toEntries(): PlanEntries {
    return { files: [...this.fileEntries()], folders: this.folderEntries() };
  }

  /** toEntries' files one at a time: the whole-site cache writes them out without holding them all (./site-cache.ts). */
  *fileEntries(): Generator<PlanEntries["files"][number]> {
    for (const [key, claim] of this.files)
      yield [key, claim instanceof SharedClaim ? { source: describeClaim(claim.source), sameContent: claim.sameContent } : { source: describeClaim(claim) }];
  }

  /** toEntries' folders. */
  folderEntries(): PlanEntries["folders"] {
    return [...this.folders];
  }

  static fromEntries(entries: PlanEntries): OutputPlan {
    const plan = new OutputPlan();
    for (const [key, { source, sameContent }] of entries.files) plan.files.set(key, claimOf(source, sameContent));
    for (const [key, source] of entries.folders) plan.folders.set(key, source);
    return plan;
  }

  private folderOf(key: string): [string, string] | undefined {
    for (const entry of this.folders) if (key.startsWith(entry[0])) return entry;
    return undefined;
  }
}

/**
 * "/a/b/c.html" for "a//b/c.html"; a folder keeps its last "/". Made by one join, a flat string: a template literal
 * made a concatenation holding two strings, 32 bytes more for each of a large site's file names the plan keeps.
 */
function normalise(sitePath: string): string {
  const parts = sitePath.split("/").filter(Boolean);
  const folder = sitePath.endsWith("/");
  if (parts.length === 0) return folder ? "//" : "/";
  return ["", ...parts, ...(folder ? [""] : [])].join("/");
}
