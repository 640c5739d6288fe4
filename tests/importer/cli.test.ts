import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../scripts/cli/import.js';
import { fixturesDir, repoRoot, seedsDir } from './helpers.js';

let dir: string;

const PUBLISHERS: Record<string, string> = {
  oslo: 'id: oslo\nnames: { nb: Oslo kommune, en: City of Oslo }\ncountry: NO\nkind: kommune\n',
  'oslo-sagene': 'id: oslo-sagene\nnames: { nb: Bydel Sagene, en: Sagene district }\ncountry: NO\nkind: bydel\nparent: oslo\n',
  stavanger: 'id: stavanger\nnames: { nb: Stavanger kommune }\ncountry: NO\nkind: kommune\n',
  voss: 'id: voss\nnames: { nn: Voss herad }\ncountry: NO\nkind: kommune\n',
  vaxjo: 'id: vaxjo\nnames: { sv: Växjö kommun }\ncountry: SE\nkind: kommun\n',
};

function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = main(args, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, cwd: dir });
  return { code, stdout, stderr };
}

const files = (sub: string) => (existsSync(path.join(dir, sub)) ? readdirSync(path.join(dir, sub)).sort() : []);

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lysark-import-'));
  cpSync(fixturesDir, path.join(dir, 'in'), { recursive: true });
  for (const [id, yaml] of Object.entries(PUBLISHERS)) {
    mkdirSync(path.join(dir, 'content', id), { recursive: true });
    writeFileSync(path.join(dir, 'content', id, '_publisher.yaml'), yaml);
  }
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('CLI: npm run import', () => {
  it('writes <out>/<publisher>/<slug>.md and prints the report', () => {
    const r = run('in/nn-kulturplan.txt', '--publisher', 'voss');
    expect(r.code).toBe(0);
    expect(files('content/voss')).toEqual(['_publisher.yaml', 'kulturplan-for-voss-herad.md']);
    const md = readFileSync(path.join(dir, 'content/voss/kulturplan-for-voss-herad.md'), 'utf8');
    expect(md).toMatch(/^---\ntitle: Kulturplan for Voss herad\n/u);
    expect(r.stdout).toMatch(/in\/nn-kulturplan\.txt → content\/voss\/kulturplan-for-voss-herad\.md/u);
    for (const label of ['language:', 'title:', 'presenter:', 'date:', 'date candidates:', 'slides:', 'running header:', 'key figures', 'editor must check:']) {
      expect(r.stdout).toContain(label);
    }
    expect(r.stdout).toMatch(/topics: none set/u);
    expect(r.stdout).toMatch(/publisher: voss/u);
  });

  it('matches the publisher from the title when --publisher is missing', () => {
    const r = run('in/sv-skolplan.txt');
    expect(r.code).toBe(0);
    expect(files('content/vaxjo')).toContain('skolplan-for-vaxjo-kommun.md');
    expect(r.stdout).toMatch(/publisher: +vaxjo \(matched "Växjö kommun" in the title\)/u);
  });

  it('asks for --publisher when nothing matches, and writes nothing', () => {
    const r = run('in/en-housing.txt');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/in\/en-housing\.txt: cannot tell the publisher/u);
    expect(r.stderr).toMatch(/--publisher ID \(known ids: oslo, oslo-sagene, stavanger, vaxjo, voss\)/u);
  });

  it('refuses an unknown --publisher with "did you mean"', () => {
    const r = run('in/nn-kulturplan.txt', '--publisher', 'vos');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown publisher "vos" — did you mean "voss"\?/u);
    expect(files('content/voss')).toEqual(['_publisher.yaml']);
  });

  it('never overwrites without --force', () => {
    expect(run('in/nn-kulturplan.txt', '--publisher', 'voss').code).toBe(0);
    const target = path.join(dir, 'content/voss/kulturplan-for-voss-herad.md');
    writeFileSync(target, 'edited by hand');
    const again = run('in/nn-kulturplan.txt', '--publisher', 'voss');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/content\/voss\/kulturplan-for-voss-herad\.md already exists/u);
    expect(again.stderr).toMatch(/--force/u);
    expect(readFileSync(target, 'utf8')).toBe('edited by hand');
    expect(run('in/nn-kulturplan.txt', '--publisher', 'voss', '--force').code).toBe(0);
    expect(readFileSync(target, 'utf8')).toMatch(/^---\n/u);
  });

  it('--stdout prints the Markdown, the report to stderr, and writes nothing', () => {
    const r = run('--stdout', '--publisher', 'voss', 'in/nn-kulturplan.txt');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^---\ntitle: Kulturplan for Voss herad\n/u);
    expect(r.stdout).not.toContain('editor must check');
    expect(r.stderr).toContain('editor must check');
    expect(files('content/voss')).toEqual(['_publisher.yaml']);
  });

  it('--stdout also needs a publisher', () => {
    const r = run('--stdout', 'in/en-housing.txt');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/cannot tell the publisher/u);
  });

  it('with several inputs, reports every error and writes nothing if any fails', () => {
    writeFileSync(path.join(dir, 'in/empty.txt'), '');
    writeFileSync(path.join(dir, 'in/win.txt'), Buffer.from('1 Bl\u00e5b\u00e6r\n\n2 R\u00f8d\n', 'latin1'));
    const r = run('in/nn-kulturplan.txt', 'in/empty.txt', 'in/win.txt', 'in/no-slides.txt', 'in/missing.txt', '--publisher', 'voss');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/in\/empty\.txt: is empty/u);
    expect(r.stderr).toMatch(/in\/win\.txt: is not valid UTF-8 .* Windows-1252/u);
    expect(r.stderr).toMatch(/iconv -f WINDOWS-1252 -t UTF-8 'in\/win\.txt'/u);
    expect(r.stderr).toMatch(/in\/no-slides\.txt: has no numbered slides/u);
    expect(r.stderr).toMatch(/in\/missing\.txt: not found/u);
    expect(r.stderr).toMatch(/4 of 5 transcript\(s\) failed; nothing was written/u);
    expect(files('content/voss')).toEqual(['_publisher.yaml']);
  });

  it('refuses two inputs that would write the same file', () => {
    cpSync(path.join(dir, 'in/nn-kulturplan.txt'), path.join(dir, 'in/copy.txt'));
    const r = run('in/nn-kulturplan.txt', 'in/copy.txt', '--publisher', 'voss');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/in\/copy\.txt: would be written to content\/voss\/kulturplan-for-voss-herad\.md/u);
    expect(files('content/voss')).toEqual(['_publisher.yaml']);
  });

  it('usage errors exit 1; --help exits 0', () => {
    expect(run().code).toBe(1);
    expect(run('--bogus', 'x.txt').code).toBe(1);
    expect(run('--stdout', 'a.txt', 'b.txt').stderr).toMatch(/exactly one/u);
    const h = run('--help');
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/--publisher ID/u);
  });

  it('imports the Sagene seed with the publisher matched from its running header', () => {
    const r = run(path.join(seedsDir, 'oslo-sagene-internasjonal-satsing.txt'), '--out', 'content');
    expect(r.code).toBe(0);
    expect(files('content/oslo-sagene')).toContain('internasjonal-satsing-i-bydel-sagene.md');
    expect(r.stdout).toMatch(/publisher: +oslo-sagene \(matched "Bydel Sagene" in the running header\)/u);
  });

  it('runs as a real process: exit code 1 and nothing written on error, 0 on success', () => {
    const cli = path.join(repoRoot, 'scripts/cli/import.ts');
    const tsx = path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs');
    // npm sets INIT_CWD to where the command was typed; the CLI resolves paths from it.
    const opts = { cwd: repoRoot, encoding: 'utf8' as const, env: { ...process.env, INIT_CWD: dir } };
    const bad = spawnSync(process.execPath, [tsx, cli, 'in/no-slides.txt', '--publisher', 'voss', '--out', 'content'], opts);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/no-slides\.txt: has no numbered slides/u);
    const ok = spawnSync(process.execPath, [tsx, cli, '--stdout', '--publisher', 'voss', '--out', 'content', 'in/nn-kulturplan.txt'], opts);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^---\n/u);
    expect(files('content/voss')).toEqual(['_publisher.yaml']);
  });
});
