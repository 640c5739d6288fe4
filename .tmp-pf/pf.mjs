import * as pagefind from "pagefind";
import { readFileSync, readdirSync } from "node:fs";
import { execSync } from "node:child_process";
const [count, size] = process.argv.slice(2).map(Number);
// text from the corpus
const dir = "/dev/shm/c5k/content";
let text = "";
outer: for (const p of readdirSync(dir)) { if (p.startsWith("_")) continue; for (const f of readdirSync(`${dir}/${p}`)) { if (!f.endsWith(".md")) continue; text += readFileSync(`${dir}/${p}/${f}`, "utf8").replace(/^---[\s\S]*?---/, "").replace(/[#*|<>-]/g, " "); if (text.length > 3e6) break outer; } }
const { index } = await pagefind.createIndex({ forceLanguage: "nb" });
const t0 = performance.now();
let off = 0;
const batch = [];
for (let i = 0; i < count; i++) {
  const chunk = text.slice(off, off + size); off = (off + size) % (text.length - size);
  const paras = chunk.match(/[\s\S]{1,400}/g).map((p) => `<p>${p}</p>`).join("");
  batch.push(index.addHTMLFile({ url: `/d/${i}/`, content: `<html lang="nb"><body><main data-pagefind-body><h1>Doc ${i}</h1>${paras}</main></body></html>` }));
  if (batch.length >= 32) { await Promise.all(batch); batch.length = 0; }
}
await Promise.all(batch);
const t1 = performance.now();
await index.writeFiles({ outputPath: `/dev/shm/pfout-${count}-${size}` });
const t2 = performance.now();
const pids = execSync(`pgrep -f "pagefind_extended --service"`).toString().trim().split("\n");
let cpu = 0; for (const pid of pids) { try { const st = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" "); cpu += (Number(st[11]) + Number(st[12])) * 10; } catch {} }
console.log(JSON.stringify({ count, size, addMs: Math.round(t1 - t0), writeMs: Math.round(t2 - t1), pfCpuMs: cpu }));
await pagefind.close();
