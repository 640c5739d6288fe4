/** A fixture site with a generated deck imported and built: shared by the integration and browser tests of originals. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { build } from "../../../scripts/build/build.ts";
import { main as importMain } from "../../../scripts/cli/import.ts";
import { makeProject } from "../../helpers/fixture.ts";
import { makeDeck } from "./fixtures.ts";

/**
 * A copy of the fixture site with the generated deck imported by `npm run import` (as satsing.pptx, pictures
 * described) and built into its `_site`; fails the test on any import output on stderr or build problem.
 * Returns the project folder and what the import printed.
 */
export async function importedDeckSite(): Promise<{ dir: string; stdout: string; result: Awaited<ReturnType<typeof build>> }> {
  const dir = makeProject();
  writeFileSync(path.join(dir, "satsing.pptx"), await makeDeck({ pictureAlt: "Deltakere rundt et bord" }));
  let stdout = "";
  let stderr = "";
  const code = await importMain(["satsing.pptx", "--publisher", "testby", "--out", "content"], {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    cwd: dir,
  });
  expect(stderr).toBe("");
  expect(code).toBe(0);
  const result = await build({ root: dir });
  expect(result.problems).toEqual([]);
  return { dir, stdout, result };
}
