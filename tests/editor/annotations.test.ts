import { Writable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { githubAnnotation, reportProblems } from "../../scripts/cli/report.ts";
import type { Problem } from "../../scripts/content/problems.ts";
import { runCli } from "../helpers/cli.ts";
import { doc, makeProject, removeProject, VALID_FRONT_MATTER } from "../helpers/fixture.ts";

const problem = (changes: Partial<Problem> = {}): Problem => ({
  file: "content/oslo/plan.md",
  line: 4,
  col: 7,
  field: "date",
  message: "is not a real calendar date",
  severity: "error",
  ...changes,
});

function capture(): { stream: Writable; text: () => string } {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

afterEach(() => vi.unstubAllEnvs());

describe("GitHub Actions workflow annotations", () => {
  it("have the exact ::error format with file, line, col and title", () => {
    expect(githubAnnotation(problem())).toBe("::error file=content/oslo/plan.md,line=4,col=7,title=Lysark%3A date::is not a real calendar date");
  });

  it("are ::warning for warnings, and titled plainly when the problem is about the whole file", () => {
    expect(githubAnnotation(problem({ severity: "warning", field: "" }))).toBe(
      "::warning file=content/oslo/plan.md,line=4,col=7,title=Lysark::is not a real calendar date",
    );
  });

  it("escape % and line breaks in the message, but keep : and , there", () => {
    expect(githubAnnotation(problem({ message: "is 120%, more than 100 %: fix it\nsecond line\r\nthird" }))).toBe(
      "::error file=content/oslo/plan.md,line=4,col=7,title=Lysark%3A date::is 120%25, more than 100 %25: fix it%0Asecond line%0D%0Athird",
    );
  });

  it("escape %, :, , and line breaks in properties", () => {
    expect(githubAnnotation(problem({ file: "content/a,b/c:d%e\nf.md", field: "keyFigures.0.value" }))).toBe(
      "::error file=content/a%2Cb/c%3Ad%25e%0Af.md,line=4,col=7,title=Lysark%3A keyFigures.0.value::is not a real calendar date",
    );
  });

  it("are printed after each problem only inside GitHub Actions", () => {
    const plain = capture();
    vi.stubEnv("GITHUB_ACTIONS", "");
    reportProblems([problem()], plain.stream);
    expect(plain.text()).toBe("content/oslo/plan.md:4:7 date: is not a real calendar date\n1 error(s), 0 warning(s)\n");

    const actions = capture();
    vi.stubEnv("GITHUB_ACTIONS", "true");
    reportProblems([problem(), problem({ severity: "warning", line: 9 })], actions.stream);
    expect(actions.text()).toBe(
      [
        "content/oslo/plan.md:4:7 date: is not a real calendar date",
        "::error file=content/oslo/plan.md,line=4,col=7,title=Lysark%3A date::is not a real calendar date",
        "content/oslo/plan.md:9:7 warning: date: is not a real calendar date",
        "::warning file=content/oslo/plan.md,line=9,col=7,title=Lysark%3A date::is not a real calendar date",
        "1 error(s), 1 warning(s)",
        "",
      ].join("\n"),
    );
  });

  it("come out of npm run check when GITHUB_ACTIONS=true", () => {
    const dir = makeProject("site-basic", {
      "content/testby/a.md": doc(VALID_FRONT_MATTER.replace("type: presentation", "type: presentaton")),
    });
    try {
      const inActions = runCli("check", dir, [], { GITHUB_ACTIONS: "true" });
      expect(inActions.status).toBe(1);
      expect(inActions.stderr).toContain('content/testby/a.md:3:7 type: "presentaton" is not allowed. Did you mean "presentation"?');
      expect(inActions.stderr).toContain(
        '::error file=content/testby/a.md,line=3,col=7,title=Lysark%3A type::"presentaton" is not allowed. Did you mean "presentation"? Use one of: presentation, report, strategy, plan, survey, other.\n',
      );
      const local = runCli("check", dir);
      expect(local.stderr).not.toContain("::error");
    } finally {
      removeProject(dir);
    }
  });
});
