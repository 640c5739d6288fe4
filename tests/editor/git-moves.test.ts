/**
 * `npm run check -- --moved-since <ref>`: documents a branch moved without movedFrom, in throwaway git repositories.
 */
import { readFileSync, renameSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadContent } from "../../scripts/content/load.ts";
import { GitError, unlistedMovesSinceRef } from "../../scripts/editor/git-moves.ts";
import { runCli } from "../helpers/cli.ts";
import { makeProject, removeProject } from "../helpers/fixture.ts";
import { git, gitEnv, makeRepo, removeRepositories, write } from "../helpers/git-repo.ts";

afterEach(removeRepositories);

const OLD = "content/testby/likestilling-i-testby.md";
const warnings = (root: string, ref: string) =>
  unlistedMovesSinceRef(root, ref, loadContent(path.join(root, "content"), { root, outlineOnly: true }).site, gitEnv);
const addMovedFrom = (root: string, file: string, address: string) =>
  write(root, file, readFileSync(path.join(root, file), "utf8").replace(/^publisher: (.*)$/m, `publisher: $1\nmovedFrom: [${address}]`));

/** A branch "endring" off main, in a project folder below the repository's top. */
function branch(): { top: string; root: string; commit: (message: string) => void } {
  const { top, root } = makeRepo({ sub: "Rapporter" });
  expect(git(top, "switch", "-q", "-c", "endring").status).toBe(0);
  return { top, root, commit: (message) => expect(git(top, "commit", "-q", "--no-verify", "-am", message).status).toBe(0) };
}

describe("documents moved since a branch left another", () => {
  it("warns of a document the branch renamed or moved to another publisher's folder without listing its old address", () => {
    const { top, root, commit } = branch();
    const renamed = "content/testby/likestilling.md";
    git(top, "mv", `Rapporter/${OLD}`, `Rapporter/${renamed}`);
    const other = "content/testby-sentrum/integrering-i-sentrum.md";
    const moved = "content/testby/integrering-i-sentrum.md";
    write(root, other, readFileSync(path.join(root, other), "utf8").replace("publisher: testby-sentrum", "publisher: testby"));
    git(top, "mv", `Rapporter/${other}`, `Rapporter/${moved}`);
    commit("renamed and moved");

    const found = warnings(root, "main");
    expect(found.map((problem) => [problem.file, problem.line, problem.field, problem.severity])).toEqual([
      [moved, 1, "movedFrom", "warning"],
      [renamed, 1, "movedFrom", "warning"],
    ]);
    expect(found[1]!.message).toBe(
      `this document was ${OLD} on main, and links to its old address would lead nowhere. Add "movedFrom: [testby/likestilling-i-testby]" to its front matter: the site then keeps a page there that sends readers on (docs/content-model.md, "Moved documents").`,
    );
    expect(found[0]!.message).toContain(`was ${other} on main`);
    // Its old folder is still a publisher's: moving the whole folder is no way out.
    expect(found[0]!.message).not.toContain("_publisher.yaml");

    // Uncommitted fixes count: the check reads the working tree.
    addMovedFrom(root, renamed, "testby/likestilling-i-testby");
    addMovedFrom(root, moved, "testby-sentrum/integrering-i-sentrum");
    expect(warnings(root, "main")).toEqual([]);
  });

  it("asks a renamed publisher folder for one movedFrom in its _publisher.yaml, which covers every document in it", () => {
    const { top, root, commit } = branch();
    git(top, "mv", "Rapporter/content/testby-sentrum", "Rapporter/content/sentrum");
    const publisherFile = "content/sentrum/_publisher.yaml";
    const documentFile = "content/sentrum/integrering-i-sentrum.md";
    write(root, publisherFile, readFileSync(path.join(root, publisherFile), "utf8").replace("id: testby-sentrum", "id: sentrum"));
    write(root, documentFile, readFileSync(path.join(root, documentFile), "utf8").replace("publisher: testby-sentrum", "publisher: sentrum"));
    commit("the district's new name");

    const found = warnings(root, "main");
    expect(found.map((problem) => problem.file)).toEqual([documentFile]);
    expect(found[0]!.message).toContain(
      'If all of content/testby-sentrum/ moved to content/sentrum/, add "movedFrom: [testby-sentrum]" to content/sentrum/_publisher.yaml instead: that covers every document that kept its file name',
    );
    write(root, publisherFile, `${readFileSync(path.join(root, publisherFile), "utf8")}movedFrom: [testby-sentrum]\n`);
    expect(warnings(root, "main")).toEqual([]);
  });

  it("compares with where the branch left the other, not with what that gained since", () => {
    const { top, root, commit } = branch();
    write(root, "content/testby/ny.md", readFileSync(path.join(root, OLD), "utf8"));
    git(top, "add", "-A");
    commit("a document of the branch's own");
    // main renames the document, as it should, after the branch left it.
    git(top, "switch", "-q", "main");
    git(top, "mv", `Rapporter/${OLD}`, "Rapporter/content/testby/likestilling.md");
    addMovedFrom(root, "content/testby/likestilling.md", "testby/likestilling-i-testby");
    git(top, "commit", "-q", "--no-verify", "-am", "renamed on main");
    git(top, "switch", "-q", "endring");
    // The branch still has the old file: against main's tip that would read as a move back.
    expect(warnings(root, "main")).toEqual([]);
  });

  it("says nothing when another document's movedFrom lists the old address (two documents made one)", () => {
    const { top, root, commit } = branch();
    git(top, "mv", `Rapporter/${OLD}`, "Rapporter/content/testby/likestilling.md");
    addMovedFrom(root, "content/testby-sentrum/integrering-i-sentrum.md", "testby/likestilling-i-testby");
    commit("the old address leads to the other document");
    expect(warnings(root, "main")).toEqual([]);
  });

  it("says nothing when a document now has the old address: git sees that file changed, not moved", () => {
    const { top, root, commit } = branch();
    const text = readFileSync(path.join(root, OLD), "utf8");
    git(top, "mv", `Rapporter/${OLD}`, "Rapporter/content/testby/likestilling.md");
    write(root, OLD, text.replace(/^title: .*$/m, "title: Et annet dokument"));
    git(top, "add", "-A");
    commit("a new document where the old one was");
    expect(warnings(root, "main")).toEqual([]);
  });

  it("refuses a revision git does not know, and a folder outside a repository, saying what to do", () => {
    const { root } = branch();
    expect(() => warnings(root, "mian")).toThrow(GitError);
    expect(() => warnings(root, "mian")).toThrow(/^git knows no commit "mian"\. Name a branch, tag or commit this clone has/);
    expect(() => warnings(root, "--output=x")).toThrow(/^git knows no commit "--output=x"/);
    const outside = makeProject();
    try {
      expect(() => unlistedMovesSinceRef(outside, "main", { documents: [], publishers: [] }, { ...gitEnv, GIT_CEILING_DIRECTORIES: os.tmpdir() })).toThrow(
        /is not in a git repository, so git has no renames to compare: leave out --moved-since/,
      );
    } finally {
      removeProject(outside);
    }
  });
});

describe("npm run check -- --moved-since", () => {
  it("prints each warning and passes; a revision git does not know fails the check", () => {
    const { top, root, commit } = branch();
    renameSync(path.join(root, OLD), path.join(root, "content/testby/likestilling.md"));
    git(top, "add", "-A");
    commit("renamed");

    const env = { ...gitEnv, GITHUB_ACTIONS: "" };
    const plain = runCli("check", root, ["--quiet"], env);
    expect(plain.status).toBe(0);
    expect(plain.stderr).toBe("");

    const since = runCli("check", root, ["--quiet", "--moved-since", "main"], env);
    expect(since.status).toBe(0);
    expect(since.stderr).toContain(
      `content/testby/likestilling.md:1:1 warning: movedFrom: this document was ${OLD} on main, and links to its old address would lead nowhere.`,
    );
    expect(since.stderr).toContain("0 error(s), 1 warning(s)");

    const unknown = runCli("check", root, ["--quiet", "--moved-since", "mian"], env);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/^check: --moved-since: git knows no commit "mian"\./);
  });
});
