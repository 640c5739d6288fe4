/**
 * The pre-commit check, in throwaway git repositories (never this one).
 */
import { cpSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runPrecommit } from "../../scripts/editor/precommit.ts";
import { installHooks } from "../../scripts/editor/hooks-install.ts";
import { doc, repoRoot, VALID_FRONT_MATTER } from "../helpers/fixture.ts";
import { git, gitEnv, makeRepo, removeRepositories, write } from "../helpers/git-repo.ts";

const env = gitEnv;
afterEach(removeRepositories);

const BROKEN = doc(VALID_FRONT_MATTER.replace("date: 2012-05-01", "date: 2012-13-01"));
const VALID = doc(VALID_FRONT_MATTER);

describe("the pre-commit check", () => {
  it("does nothing when no content is staged", () => {
    const { top, root } = makeRepo();
    write(root, "notes.txt", "not content");
    write(root, "content/testby/unstaged.md", BROKEN);
    git(top, "add", "notes.txt");
    const result = runPrecommit({ root, env });
    expect(result).toMatchObject({ exitCode: 0, staged: [], blocking: [], lines: [] });
  });

  it("blocks an error in a staged file, pointing at file, line and field", () => {
    const { top, root } = makeRepo();
    write(root, "content/testby/ny.md", BROKEN);
    git(top, "add", "-A");
    const result = runPrecommit({ root, env });
    expect(result.exitCode).toBe(1);
    expect(result.staged).toEqual(["content/testby/ny.md"]);
    expect(result.lines[0]).toBe("content/testby/ny.md:5:7 date: is not a real calendar date");
    expect(result.lines.join("\n")).toContain("Commit stopped: 1 error(s)");
  });

  it("warns, without blocking, of a document moved to a new address whose movedFrom does not list the old one", () => {
    // In a folder whose name git's status letters could be taken for, beside a file the commit only changes.
    const { top, root } = makeRepo({ sub: "Rapporter" });
    const moved = "content/testby/likestilling.md";
    git(top, "mv", "Rapporter/content/testby/likestilling-i-testby.md", `Rapporter/${moved}`);
    const other = "content/testby-sentrum/integrering-i-sentrum.md";
    write(root, other, `${readFileSync(path.join(root, other), "utf8")}\nEt nytt avsnitt.\n`);
    git(top, "add", "-A");
    let result = runPrecommit({ root, env });
    expect(result.exitCode).toBe(0);
    expect(result.lines).toEqual([
      `${moved}:1:1 warning: movedFrom: this document was content/testby/likestilling-i-testby.md before this commit, and links to its old address would lead nowhere. Add "movedFrom: [testby/likestilling-i-testby]" to its front matter: the site then keeps a page there that sends readers on (docs/content-model.md, "Moved documents").`,
      "Lysark: 3 staged content file(s) checked, no errors.",
    ]);

    // Listed, the move says nothing.
    write(
      root,
      moved,
      readFileSync(path.join(root, moved), "utf8").replace("publisher: testby\n", "publisher: testby\nmovedFrom: [testby/likestilling-i-testby]\n"),
    );
    git(top, "add", "-A");
    result = runPrecommit({ root, env });
    expect(result.lines).toEqual(["Lysark: 3 staged content file(s) checked, no errors."]);

    // Into another publisher's folder, with the old address not listed.
    const elsewhere = "content/testby-sentrum/likestilling-i-testby.md";
    write(
      root,
      elsewhere,
      readFileSync(path.join(root, moved), "utf8").replace("publisher: testby\nmovedFrom: [testby/likestilling-i-testby]\n", "publisher: testby-sentrum\n"),
    );
    expect(git(top, "rm", "-q", "-f", `Rapporter/${moved}`).status).toBe(0);
    git(top, "add", "-A");
    result = runPrecommit({ root, env });
    expect(result.exitCode).toBe(0);
    expect(result.lines[0]).toContain(`${elsewhere}:1:1 warning: movedFrom: this document was content/testby/likestilling-i-testby.md before this commit`);
    expect(result.lines[0]).toContain('Add "movedFrom: [testby/likestilling-i-testby]"');
  });

  it("checks the staged version, not the working tree", () => {
    const { top, root } = makeRepo();
    write(root, "content/testby/ny.md", BROKEN);
    git(top, "add", "-A");
    write(root, "content/testby/ny.md", VALID); // fixed, but not staged
    expect(runPrecommit({ root, env }).exitCode).toBe(1);
    git(top, "add", "-A");
    expect(runPrecommit({ root, env }).exitCode).toBe(0);

    write(root, "content/testby/ny.md", BROKEN); // broken again, but the staged version is fine
    write(root, "content/testby/untracked.md", BROKEN);
    expect(runPrecommit({ root, env })).toMatchObject({ exitCode: 0, blocking: [], existing: [] });
  });

  it("lets a commit through past errors that were already there in files it does not touch", () => {
    const { top, root } = makeRepo();
    write(root, "content/testby/gammel.md", BROKEN);
    git(top, "add", "-A");
    git(top, "commit", "-q", "--no-verify", "-m", "broken before the hook");
    write(root, "content/testby/ny.md", VALID);
    git(top, "add", "content/testby/ny.md");
    const result = runPrecommit({ root, env });
    expect(result.exitCode).toBe(0);
    expect(result.blocking).toEqual([]);
    expect(result.existing.map((problem) => problem.file)).toEqual(["content/testby/gammel.md"]);
    expect(result.lines.join("\n")).toContain("note: 1 problem(s) that were already there");
  });

  it("blocks a registry change that breaks documents the commit does not touch", () => {
    const { top, root } = makeRepo();
    const topics = path.join(root, "content/_registries/topics.yaml");
    const text = readFileSync(topics, "utf8");
    // Rename the topic "integrering", which content/testby-sentrum/integrering-i-sentrum.md uses.
    writeFileSync(topics, text.replace("id: integrering", "id: integrasjon"));
    git(top, "add", "-A");
    const result = runPrecommit({ root, env });
    expect(result.exitCode).toBe(1);
    expect(result.blocking).toHaveLength(1);
    expect(result.blocking[0]).toMatchObject({ file: "content/testby-sentrum/integrering-i-sentrum.md", field: "topics.0" });
    expect(result.lines.join("\n")).toContain("1 of these are in files you did not change");
  });

  it("blocks deleting a publisher whose documents stay", () => {
    const { top, root } = makeRepo();
    git(top, "rm", "-q", "content/testby/_publisher.yaml");
    const result = runPrecommit({ root, env });
    expect(result.exitCode).toBe(1);
    expect(result.staged).toEqual(["content/testby/_publisher.yaml"]);
    expect(result.blocking.map((problem) => problem.file)).toContain("content/testby/_publisher.yaml");
  });

  it("works on the first commit of a repository, and for a project in a subfolder", () => {
    const first = makeRepo({ commit: false });
    git(first.top, "add", "-A");
    expect(runPrecommit({ root: first.root, env }).exitCode).toBe(0);

    const nested = makeRepo({ sub: "site" });
    write(nested.root, "content/testby/ny.md", BROKEN);
    git(nested.top, "add", "-A");
    const result = runPrecommit({ root: nested.root, env });
    expect(result.exitCode).toBe(1);
    expect(result.staged).toEqual(["content/testby/ny.md"]);
    expect(result.blocking[0]?.file).toBe("content/testby/ny.md");
  });

  it("runs from git commit once npm run hooks:install has enabled it", () => {
    const { top, root } = makeRepo();
    // The repository needs the hook and Lysark's code; link the code instead of copying it.
    cpSync(path.join(repoRoot, ".githooks"), path.join(root, ".githooks"), { recursive: true });
    symlinkSync(path.join(repoRoot, "node_modules"), path.join(root, "node_modules"));
    symlinkSync(path.join(repoRoot, "scripts"), path.join(root, "scripts"));
    writeFileSync(path.join(top, ".git/info/exclude"), "node_modules\nscripts\n");
    git(top, "add", ".githooks");
    git(top, "commit", "-q", "-m", "hooks");

    writeFileSync(path.join(top, ".git/hooks/post-commit"), "#!/bin/sh\n");
    expect(installHooks(root, env)).toEqual({ hooksPath: ".githooks", ignored: ["post-commit"] });
    expect(git(top, "config", "core.hooksPath").output.trim()).toBe(".githooks");

    write(root, "content/testby/ny.md", BROKEN);
    git(top, "add", "-A");
    const blocked = git(top, "commit", "-q", "-m", "broken");
    expect(blocked.status).not.toBe(0);
    expect(blocked.output).toContain("content/testby/ny.md:5:7 date: is not a real calendar date");
    expect(git(top, "log", "--format=%s").output.trim().split("\n")).toEqual(["hooks", "initial"]);

    write(root, "content/testby/ny.md", VALID);
    git(top, "add", "-A");
    const allowed = git(top, "commit", "-q", "-m", "valid");
    expect(allowed.output).toContain("1 staged content file(s) checked, no errors");
    expect(allowed.status).toBe(0);

    write(root, "README.txt", "no content here");
    git(top, "add", "-A");
    const started = performance.now();
    expect(git(top, "commit", "-q", "-m", "not content").status).toBe(0);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
