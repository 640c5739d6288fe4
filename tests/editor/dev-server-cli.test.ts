/**
 * `npm start` as a process, without a browser: a broken site.config.json
 * (or template) when it starts or while it runs is reported, naming the file
 * and field (in the problems banner too, once a site was served), and the server keeps running and builds once the
 * file is fixed;
 * a site whose url has a path is served under that path; an _site that links to a folder not made yet is
 * written there. The server writes into its output folder and removes every other file there, so it refuses
 * what a build refuses to replace, and a checkout that stays read-only is served with --no-cache --output DIR.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
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

    // Broken again while running: reported as the content's problems are, in the banner too, and the last site is
    // still served.
    const again = server.output().length;
    writeFileSync(path.join(dir, "site.config.json"), JSON.stringify({ url: "https://lysark.test", pageSize: 0 }));
    expect(await server.logged(/site\.config\.json:1:\d+ pageSize: [^\n]+/, again)).toBeTruthy();
    await server.logged(/\[lysark\] Content has 1 error\(s\): the preview shows the last good version/, again);
    expect((await fetch(server.url("/"))).status).toBe(200);
    expect(await (await fetch(server.url("/_lysark/problems?locale=en"))).text()).toMatch(/site\.config\.json[\s\S]*pageSize/u);
  }, 90_000);

  it("answers 400 to a path its file lookup would throw on, and keeps serving", async () => {
    dir = makeProject("site-basic");
    server = startDevServer(dir);
    await server.listening();
    await server.logged(/\[lysark\] Wrote \d+ files/, 0, 60_000);
    // Raw paths: fetch would normalise them. Each of these ended the server (11ty/eleventy-dev-server#150).
    const status = (pathname: string) =>
      new Promise<number>((resolve, reject) => {
        http
          .get({ host: "localhost", port: server!.port, path: pathname }, (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          })
          .on("error", reject);
      });
    for (const pathname of ["/..%2fpackage.json", "/%zz", "/.11ty/..%2f..%2fpackage.json"]) expect(await status(pathname), pathname).toBe(400);
    // Request targets that are no path: "*", and the absolute form a client sends through a proxy.
    const statusLine = (requestLine: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect(server!.port, "127.0.0.1", () => socket.write(`${requestLine}\r\nHost: localhost\r\nConnection: close\r\n\r\n`));
        let answer = "";
        socket.on("data", (chunk) => {
          answer += chunk.toString();
        });
        socket.on("end", () => resolve(answer.split("\r\n")[0] ?? ""));
        socket.on("error", reject);
      });
    expect(await statusLine("OPTIONS * HTTP/1.1")).toBe("HTTP/1.1 400 Bad Request");
    expect(await statusLine(`GET http://127.0.0.1:${server.port}/ HTTP/1.1`)).toBe("HTTP/1.1 400 Bad Request");
    expect(await status("/")).toBe(200);
    expect(server.output()).not.toMatch(/Invalid path|URIError/u);
  }, 90_000);

  it("does not follow a symbolic link in content/ that leads out: the link is reported, nothing behind it is watched", async () => {
    dir = makeProject("site-basic");
    const outside = mkdtempSync(path.join(os.tmpdir(), "lysark-outside-"));
    try {
      mkdirSync(path.join(outside, "dypt", "nede"), { recursive: true });
      writeFileSync(path.join(outside, "dypt", "nede", "hemmelig.md"), "---\ntitle: x\n---\n");
      server = startDevServer(dir);
      await server.listening();
      await server.logged(/\[lysark\] Wrote \d+ files/, 0, 60_000);
      const from = server.output().length;
      symlinkSync(outside, path.join(dir, "content", "utenfor"));
      expect(await server.logged(/content\/utenfor:1:1 [^\n]*symbolic link to a folder outside the content folder/u, from)).toBeTruthy();
      // A file added behind the link is not seen: the watcher did not walk into it.
      const later = server.output().length;
      writeFileSync(path.join(outside, "dypt", "ny.md"), "---\ntitle: y\n---\n");
      writeFileSync(path.join(dir, "content", "_registries", "topics.yaml"), readFileSync(path.join(dir, "content", "_registries", "topics.yaml")));
      await server.logged(/\[lysark\] /u, later);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(server.output()).not.toMatch(/utenfor\/(dypt|ny)/u);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
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

describe("the folder the dev server writes into", () => {
  let out: string | undefined;
  afterEach(() => {
    if (out) rmSync(out, { recursive: true, force: true });
    out = undefined;
  });

  it("is refused when it holds files a site does not have, as by the build, and they stay", async () => {
    dir = makeProject();
    mkdirSync(path.join(dir, "_site"));
    writeFileSync(path.join(dir, "_site", "CNAME"), "arkiv.kommune.no\n");
    server = startDevServer(dir);
    expect(await server.exited()).toBe(1);
    expect(server.output()).toContain(
      "[lysark] _site/: that folder holds files a site Lysark writes does not have (CNAME). npm start writes the site into its output folder and removes every other file there, so it would remove them.",
    );
    expect(readFileSync(path.join(dir, "_site", "CNAME"), "utf8")).toBe("arkiv.kommune.no\n");
    expect(readdirSync(path.join(dir, "_site"))).toEqual(["CNAME"]);
  }, 60_000);

  it("is refused with --output in what the build reads, and nothing there changes", async () => {
    dir = makeProject();
    const before = readdirSync(path.join(dir, "content"), { recursive: true }).sort();
    server = startDevServer(dir, ["--output", "content"]);
    expect(await server.exited()).toBe(1);
    expect(server.output()).toContain(
      "[lysark] --output content: that is content, which the build reads. Serve the site from a folder of its own, such as _site (the default), or another with npm start -- --output DIR.",
    );
    expect(readdirSync(path.join(dir, "content"), { recursive: true }).sort()).toEqual(before);
  }, 60_000);

  it("is refused with --output holding a %, which the dev server's file lookup would choke on", async () => {
    dir = makeProject();
    server = startDevServer(dir, ["--output", "ut%zz"]);
    expect(await server.exited()).toBe(1);
    expect(server.output()).toMatch(/\[lysark\] --output \S*ut%zz: the dev server cannot serve a folder whose path holds "%"\. Choose a folder without it\./u);
    expect(existsSync(path.join(dir, "ut%zz"))).toBe(false);
  }, 60_000);

  it("in a checkout that stays read-only: refused with the fix, then served with --no-cache --output, nothing written in the project", async (context) => {
    dir = makeProject();
    out = mkdtempSync(path.join(os.tmpdir(), "lysark-served-read-only-"));
    const site = path.join(out, "site");
    const project = readdirSync(dir).sort();
    await whileUnwritable(dir, context, async () => {
      const refused = startDevServer(dir!);
      try {
        expect(await refused.exited()).toBe(1);
      } finally {
        await refused.stop();
      }
      expect(refused.output()).toMatch(
        /^\[lysark\] _site\/: npm start may not write in \S+ \((?:EACCES|EPERM)\)\. Make it writable for this user, or serve the site from a folder of your own: npm start -- --output DIR \(with --no-cache as well in a checkout that stays read-only\)\.$/m,
      );
      server = startDevServer(dir!, ["--no-cache", "--output", site]);
      await server.logged(/\[lysark\] Search index updated: \d+ document/, 0, 60_000);
      await server.listening();
      expect((await fetch(server.url("/"))).status).toBe(200);
      expect((await fetch(server.url("/pagefind/pagefind.js"))).status).toBe(200);
      expect(server.output()).not.toMatch(/Problem writing the site|not updated/);
      await server.stop();
    });
    // Nothing in the project: no _site/, no .cache/; the cards were drawn into the site.
    expect(readdirSync(dir).sort()).toEqual(project);
    expect(existsSync(path.join(site, "social", "site-nb.png"))).toBe(true);
  }, 120_000);
});
