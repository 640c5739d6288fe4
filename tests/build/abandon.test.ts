/**
 * Eleventy runs no `eleventy.after` when its build fails, so a failure after
 * Lysark's `eleventy.before` had started (another plugin, or Eleventy itself)
 * would leave the card and search threads writing into an output folder the
 * caller is about to remove. `abandon()` stops them; `npm run build` calls it.
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { afterEach, describe, expect, it } from "vitest";
import { lysarkPlugin, type EleventyConfig } from "../../scripts/build/eleventy-plugin.ts";
import { makeProject, removeProject } from "../helpers/fixture.ts";

const projects: string[] = [];
afterEach(() => {
  for (const dir of projects.splice(0)) removeProject(dir);
});

/** Eleventy with Lysark's plugin and a second plugin whose `eleventy.before` fails while Lysark's runs. */
async function failingBuild(dir: string, out: string) {
  // The search index on its thread, as a large site's build has it; cards are drawn for every document by default.
  const lysark = lysarkPlugin({ root: dir, searchThreadFrom: 0 });
  const eleventy = new Eleventy(path.join(dir, "content"), out, {
    configPath: false,
    quietMode: true,
    config: (config: EleventyConfig) => {
      config.setTemplateFormats([]);
      lysark.configure(config);
      config.on("eleventy.before", async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        throw new Error("another plugin failed");
      });
    },
  });
  eleventy.disableLogger();
  await expect(eleventy.write()).rejects.toThrow("another plugin failed");
  return lysark;
}

describe("a build that Eleventy fails after Lysark's eleventy.before", () => {
  it("is abandoned: its threads stop and its temporary files go, so nothing writes into the removed output", async () => {
    const dir = makeProject();
    projects.push(dir);
    const out = path.join(dir, "out");
    const lysark = await failingBuild(dir, out);
    await lysark.abandon();
    // The record spool beside the output is gone, as after a build that ends either way.
    expect(readdirSync(dir).filter((name) => name.startsWith("out."))).toEqual([]);
    rmSync(out, { recursive: true, force: true });
    // Long enough for the fixture's cards and search index to be written, had their threads gone on.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(existsSync(out)).toBe(false);
  });
});
