/**
 * `npm start` as a process, without a browser: a broken site.config.json
 * (or template) when it starts or while it runs is reported, naming the file
 * and field, and the server keeps running and builds once the file is fixed;
 * a site whose url has a path is served under that path; an _site that links to a folder not made yet is
 * written there.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startDevServer, type DevServerProcess } from "../helpers/dev-server.ts";
import { makeProject, removeProject } from "../helpers/fixture.ts";
import { whileUnwritable } from "../helpers/unwritable.ts";

let dir: string | undefined;
let server: DevServerProcess | undefined;
afterEach(async () => {
  await server?.stop();
  if (dir) removeProject(dir);
  server = dir = undefined;
});

describe("the dev server process", () => {
  it("survives a broken site.config.json at start and builds once it is fixed", async () => {
    dir = makeProject("site-basic", { "site.config.json": JSON.stringify({ url: "not a url" }) });
    server = startDevServer(dir);
    expect(await server.logged(/\[lysark\] Problem writing the site: site\.config\.json:\d+:\d+ url: [^\n]+/, 0, 60_000)).toContain(
      "must be a web address starting with https://",
    );
    await server.logged(/Watching .* for changes/, 0, 30_000);
    await server.listening();
    const from = server.output().length;
    writeFileSync(path.join(dir, "site.config.json"), JSON.stringify({ url: "https://lysark.test" }));
    expect(await server.logged(/\[lysark\] Wrote \d+ files in [\d.]+ seconds \([^;]+/, from)).toContain("whole site");
    expect((await fetch(server.url("/"))).status).toBe(200);

    // Broken again while running: reported, and the last site is still served.
    const again = server.output().length;
    writeFileSync(path.join(dir, "site.config.json"), JSON.stringify({ url: "https://lysark.test", pageSize: 0 }));
    expect(await server.logged(/\[lysark\] Problem writing the site: [^\n]+/, again)).toMatch(/site\.config\.json:1:\d+ pageSize: /);
    expect((await fetch(server.url("/"))).status).toBe(200);
  }, 90_000);

  it("writes and serves the site through an _site link to a folder not made yet, and the link stays", async () => {
    dir = makeProject();
    const served = mkdtempSync(path.join(os.tmpdir(), "lysark-served-"));
    try {
      symlinkSync(path.join(served, "www"), path.join(dir, "_site"));
      server = startDevServer(dir);
      await server.logged(/\[lysark\] Wrote \d+ files/, 0, 60_000);
      await server.listening();
      expect((await fetch(server.url("/"))).status).toBe(200);
      expect(server.output()).not.toContain("Problem writing the site");
      expect(existsSync(path.join(served, "www", "index.html"))).toBe(true);
      expect(lstatSync(path.join(dir, "_site")).isSymbolicLink()).toBe(true);
      await server.stop();
    } finally {
      rmSync(served, { recursive: true, force: true });
    }
  }, 90_000);

  it("says a build cache it may not write is the problem, with the fix, and keeps running", async (context) => {
    dir = makeProject();
    const cache = path.join(dir, ".cache");
    mkdirSync(cache);
    await whileUnwritable(cache, context, async () => {
      server = startDevServer(dir!);
      expect(await server.logged(/\[lysark\] Problem writing the site: [^\n]+/, 0, 60_000)).toMatch(
        /Problem writing the site: The build cache cannot be written \((?:EACCES|EPERM): /,
      );
      await server.listening();
      await server.stop();
    });
  }, 90_000);

  it("serves a site whose url has a path under that path, with the problems banner's address there too", async () => {
    dir = makeProject("site-basic", { "site.config.json": JSON.stringify({ url: "https://example.github.io/lysark/" }) });
    server = startDevServer(dir);
    await server.logged(/\[lysark\] Wrote \d+ files/, 0, 60_000);
    await server.listening();
    const home = await fetch(server.url("/lysark/"));
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('<link rel="stylesheet" href="/lysark/assets/site.css">');
    expect(html).toContain('data-problems-url="/lysark/_lysark/problems"');
    expect((await fetch(server.url("/lysark/assets/site.css"))).status).toBe(200);
    expect((await fetch(server.url("/lysark/_lysark/problems?locale=nb"))).status).toBe(200);
    const root = await fetch(server.url("/"), { redirect: "manual" });
    expect(root.status).toBe(302);
    expect(root.headers.get("location")).toBe("/lysark/");
  }, 90_000);
});
