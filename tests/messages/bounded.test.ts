/** Messages right and bounded: one screen by default, short echoes, grouped CSV lines, no self-suggestions. */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseScenarioText, type Issue } from "../../src/scenario/index.js";
import { issueHint, issueMessage, moreIssues, renderIssues, MAX_SHOWN_ISSUES } from "../../src/messages/scenario.js";
import { registerIssue } from "../../src/messages/population.js";
import { clip, MAX_ECHO } from "../../src/messages/lang.js";
import { parseRegister } from "../../src/population/register.js";
import { runCapture } from "../../src/cli/main.js";

let base = "";
let dir = "";
beforeAll(async () => {
  base = await readFile(new URL("../fixtures/minimal.yaml", import.meta.url), "utf8");
  dir = await mkdtemp(join(tmpdir(), "fundsim-msg-"));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

function issuesOf(text: string): Issue[] {
  const r = parseScenarioText(text);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.error;
}

describe("scenario issues", () => {
  const manyKeys = (): string => `${base}\n${Array.from({ length: 46 }, (_, i) => `extra${i}: 1`).join("\n")}\n`;

  it("lists the first 10 and a count line; --all-issues lists all", async () => {
    const f = join(dir, "many.yaml");
    await writeFile(f, manyKeys());
    const issues = issuesOf(manyKeys());
    expect(issues).toHaveLength(46);
    const shown = renderIssues("en", issues);
    expect(shown).toContain(moreIssues(36).en);
    expect(shown.split("\n").filter((l) => l.startsWith("✖"))).toHaveLength(MAX_SHOWN_ISSUES);
    expect(renderIssues("zh", issues)).toContain(moreIssues(36).zh);
    const out = await runCapture(["validate", f]);
    expect(out.stderr).toContain(moreIssues(36).en);
    const all = await runCapture(["validate", f, "--all-issues"]);
    expect(all.stderr).not.toContain(moreIssues(36).en);
    expect(all.stderr.split("\n").filter((l) => l.startsWith("✖"))).toHaveLength(46);
    const described = await runCapture(["describe", f, "--all-issues"]);
    expect(described.stderr.split("\n").filter((l) => l.startsWith("✖"))).toHaveLength(46);
  });

  it("a missing values: section is said once, with the names", () => {
    const issues = issuesOf(base.replace(/^values:\n( {2}.*\n)+/m, ""));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "missingValues", found: "revenueIncrease, wheatPrice" });
    expect(issueMessage(issues[0]!).en).toContain("revenueIncrease, wheatPrice");
  });

  it("a bad record key says what a key must look like, not 'Invalid key in record'", () => {
    const issues = issuesOf(base.replace("  wheatPrice:", '  "1": 3\n  wheatPrice:'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "badKey", path: ["values"], found: "1", line: 10 });
    expect(issueMessage(issues[0]!).en).not.toContain("Invalid key");
    expect(issueMessage(issues[0]!).en).toContain("letters, digits and '_'");
  });

  it("no suggestion equal to the value written: a quoted number is told to drop its quotes", () => {
    const issues = issuesOf(base.replace("fundsim: 1", 'fundsim: "1"'));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.suggestion).toBeUndefined();
    const hint = issueHint(issues[0]!);
    expect(hint?.en).toContain("Remove the quotes");
    expect(hint?.en).not.toContain("Did you mean");
  });

  it("long echoed values are shortened: found values and --set text", async () => {
    const long = "x".repeat(10_000);
    const i: Issue = { code: "badSet", path: [], found: long };
    expect(issueMessage(i).en).toContain(clip(long));
    expect(issueMessage(i).en.length).toBeLessThan(200);
    const f = join(dir, "ok.yaml");
    await writeFile(f, base);
    const out = await runCapture(["describe", f, "--set", `${long}`]);
    expect(out.exitCode).toBe(1);
    expect(out.stderr.length).toBeLessThan(600);
    expect(clip(long)).toHaveLength(MAX_ECHO + " (10,000 characters)".length);
  });
});

describe("register CSV issues", () => {
  const HEADER = "id,village,size,income,labour,segment";

  it("a 2 MB column name is shortened", async () => {
    const name = "c".repeat(2 * 1024 * 1024);
    const r = await parseRegister([`${HEADER},${name}\nh1,V,1,1,1,dibao,x\n`]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = registerIssue(r.error[0]!);
    expect(text.en).toContain(clip(name));
    expect(text.en.length).toBeLessThan(500);
  });

  it("the same problem on many lines is one issue naming its lines", async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `h${i},V,1,1,1,dibaoo`);
    const r = await parseRegister([`${HEADER}\n${rows.join("\n")}\n`]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toHaveLength(1);
    expect(r.error[0]).toMatchObject({ code: "unknownValue", line: 2, lines: [2, 3, 4, 5, 6], lineCount: 20 });
    const text = registerIssue(r.error[0]!);
    expect(text.en).toContain("lines 2, 3, 4, 5, 6 … (20 lines), column segment");
    expect(text.zh).toContain("共 20 行");
  });

  it("no suggestion equal to the value written", () => {
    const text = registerIssue({ code: "unknownValue", file: "f.csv", line: 2, column: "cohort", found: "1", allowed: ["1 "], suggestion: "1" });
    expect(text.en).not.toContain("Did you mean");
  });
});
