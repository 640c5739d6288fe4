/**
 * A build lets go of the site model once the site is written: the whole-site cache's entry is written without it
 * (scripts/build/eleventy-plugin.ts), and the output plan, which outlives the model, holds no page, view or
 * document (scripts/build/output-plan.ts). At N = 20,000 the model was a third of the main thread's heap then.
 * A file of its own: the model is caught by mocking the module that makes it.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { afterAll, expect, it, vi } from "vitest";
import { build } from "../../scripts/build/build.ts";
import { SiteCache } from "../../scripts/build/site-cache.ts";
import { filesUnder } from "../../scripts/content/files-under.ts";
import { makeProject, removeProject } from "../helpers/fixture.ts";

const made = vi.hoisted(() => ({ models: [] as WeakRef<object>[], documents: [] as WeakRef<object>[] }));

vi.mock("../../scripts/site/model.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../scripts/site/model.ts")>();
  return {
    ...original,
    buildSiteModel: (...args: Parameters<typeof original.buildSiteModel>) => {
      const model = original.buildSiteModel(...args);
      made.models.push(new WeakRef(model));
      for (const view of model.documents) made.documents.push(new WeakRef(view), new WeakRef(view.doc));
      return model;
    },
  };
});

const projects: string[] = [];
afterAll(() => {
  for (const project of projects) removeProject(project);
});

it.each([
  ["on the main thread", undefined],
  ["on a thread of its own", 1],
])("holds neither the model nor any document's view or loaded document while the site is kept (search index %s)", async (_, searchThreadFrom) => {
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc") as () => void;
  made.models.length = made.documents.length = 0;
  const project = makeProject();
  projects.push(project);
  // The last step of keeping the site, which writes its entry once the search index is done (SiteCache.keep); the
  // first runs beside the index's last slices, while the pages' writer still has the model.
  const keep = SiteCache.prototype.keep;
  let heldWhileKept: { models: number; documents: number } | undefined;
  let indexHashes: ReadonlyMap<string, string> | undefined;
  const spy = vi.spyOn(SiteCache.prototype, "keep").mockImplementation(async function (this: SiteCache, ...args) {
    const rest = await keep.apply(this, args);
    return {
      save: (...saveArgs) => {
        gc();
        heldWhileKept = {
          models: made.models.filter((ref) => ref.deref() !== undefined).length,
          documents: made.documents.filter((ref) => ref.deref() !== undefined).length,
        };
        indexHashes = saveArgs[2]?.hashed;
        return rest.save(...saveArgs);
      },
    };
  });
  try {
    const result = await build({ root: project, quiet: true, searchThreadFrom });
    expect(result.ok).toBe(true);
  } finally {
    spy.mockRestore();
  }
  // The fixture was built, its model made and its site kept.
  expect(made.models).toHaveLength(1);
  expect(made.documents.length).toBeGreaterThan(2);
  expect(heldWhileKept).toEqual({ models: 0, documents: 0 });
  // The search index's files come with the hashes the search cache read as it kept them: not read a second time.
  const bundle = path.join(project, "_site", "pagefind");
  const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
  expect(new Map(filesUnder(bundle).map((file) => [`pagefind/${file}`, sha256(path.join(bundle, file))]))).toEqual(indexHashes);
});
