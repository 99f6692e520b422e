/**
 * Every kind of bad input gets a located, explained issue — and through the CLI a
 * one-screen message and exit code 1, never a stack trace.
 */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtemp, writeFile, readFile, rm, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadScenario, type Issue } from "../../src/scenario/index.js";
import { renderIssues, issueMessage, yamlSyntax } from "../../src/messages/scenario.js";
import { runCapture } from "../../src/cli/main.js";

let dir: string;
let base: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fundsim-bad-"));
  base = await readFile(new URL("../fixtures/minimal.yaml", import.meta.url), "utf8");
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

let n = 0;
async function write(text: string | Uint8Array, ext = "yaml"): Promise<string> {
  const f = join(dir, `case${n++}.${ext}`);
  await writeFile(f, text);
  return f;
}
function edit(from: string, to: string): string {
  expect(base).toContain(from);
  return base.replace(from, to);
}

async function issuesOf(file: string): Promise<Issue[]> {
  const r = await loadScenario(file);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.error;
}

/** The CLI shows exactly the rendered issues, exits 1, and prints no stack trace. */
async function expectCli(file: string, issues: readonly Issue[]): Promise<void> {
  const out = await runCapture(["validate", file]);
  expect(out.exitCode).toBe(1);
  expect(out.stderr).toContain(renderIssues("en", issues));
  expect(out.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  expect(out.stderr.split("\n").length).toBeLessThan(40);
}

async function single(file: string, code: Issue["code"]): Promise<Issue> {
  const issues = await issuesOf(file);
  expect(issues.map((i) => i.code)).toContain(code);
  await expectCli(file, issues);
  const i = issues.find((x) => x.code === code);
  if (!i) throw new Error("unreachable");
  expect(i.file).toBe(file);
  return i;
}

/** Where an issue is, as the rendered message shows it (file:line:column). */
const where = (i: Issue): string => `${i.file}:${i.line}:${i.column}`;

describe("YAML syntax errors are explained in the user's language, with line and column", () => {
  // line and column are where the parser notices the mistake (an unclosed quote: at the end of its line).
  const cases: { name: string; from: string; to: string; parserCode: string; line: number; column: number }[] = [
    { name: "bad indentation", from: "  jurisdiction: Test county", to: " jurisdiction: Test county", parserCode: "BAD_INDENT", line: 6, column: 1 },
    { name: "an unclosed quote", from: "  jurisdiction: Test county", to: '  jurisdiction: "Test county', parserCode: "MISSING_CHAR", line: 6, column: 29 },
    { name: "tab indentation", from: "  jurisdiction: Test county", to: "\tjurisdiction: Test county", parserCode: "TAB_AS_INDENT", line: 6, column: 1 },
    { name: "an unclosed bracket", from: "  years: {start: 2017, end: 2019}", to: "  years: {start: 2017, end: 2019", parserCode: "BAD_INDENT", line: 8, column: 3 },
    { name: "a value run on into a more indented line", from: "  jurisdiction: Test county\n", to: "  jurisdiction: Test county\n    years: x\n", parserCode: "BLOCK_AS_IMPLICIT_KEY", line: 6, column: 17 },
    { name: "a key without a colon", from: "  jurisdiction: Test county", to: "  jurisdiction", parserCode: "MULTILINE_IMPLICIT_KEY", line: 6, column: 3 },
    { name: "an alias to no anchor", from: "  language: en", to: "  language: *lang", parserCode: "UNRESOLVED_ALIAS", line: 8, column: 13 },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const file = await write(edit(c.from, c.to));
      const issues = await issuesOf(file);
      const i = issues.find((x) => x.code === "syntax");
      if (!i) throw new Error(`no syntax issue: ${JSON.stringify(issues)}`);
      expect(i.parserCode).toBe(c.parserCode);
      expect([i.line, i.column]).toEqual([c.line, c.column]);
      const why = yamlSyntax(i.parserCode, i.detail ?? "");
      expect(issueMessage(i).zh).toBe(`语法错误：${why.zh}`);
      expect(issueMessage(i).en).toBe(`Syntax error: ${why.en}`);
      // The Chinese message no longer carries the parser's English words.
      expect(why.zh).not.toContain(i.detail);
      for (const word of (i.detail ?? "").match(/[a-z]{4,}/g) ?? []) if (!c.to.includes(word)) expect(why.zh).not.toContain(word);
      for (const lang of ["zh", "en"] as const) {
        const out = await runCapture(["validate", file, "--lang", lang]);
        expect(out.exitCode).toBe(1);
        expect(out.stderr).toContain(`${where(i)}: ${issueMessage(i)[lang]}`);
        expect(out.stderr).toContain(renderIssues(lang, issues));
      }
    });
  }

  it("a duplicate key is named in both languages", async () => {
    const file = await write(edit("  language: en", "  language: en\n  language: zh"));
    const i = await single(file, "duplicateKey");
    expect(i.found).toBe("language");
    const out = await runCapture(["validate", file, "--lang", "zh"]);
    expect(out.stderr).toContain(`${where(i)}: ${issueMessage(i).zh}`);
  });

  it("errors at the same place as an earlier one are not repeated", async () => {
    const issues = await issuesOf(await write(edit("  jurisdiction: Test county\n", "  jurisdiction: Test county\n    years: x\n")));
    expect(issues).toHaveLength(1);
  });

  it("codes that cover several mistakes are told apart", () => {
    expect(yamlSyntax("MISSING_CHAR", "Missing closing 'quote").en).toContain("'");
    expect(yamlSyntax("MISSING_CHAR", "Missing , between flow sequence items")).not.toEqual(yamlSyntax("MISSING_CHAR", "Missing closing \"quote"));
    expect(yamlSyntax("BAD_INDENT", "Flow map in block collection must be sufficiently indented and end with a }").zh).toContain("}");
  });

  it("a code the messages do not know keeps the parser's words", () => {
    const detail = "Something new the parser says";
    expect(yamlSyntax("SOME_FUTURE_CODE", detail)).toEqual({ en: detail, zh: detail });
    expect(yamlSyntax(undefined, detail)).toEqual({ en: detail, zh: detail });
    const i: Issue = { code: "syntax", path: [], line: 3, column: 4, parserCode: "SOME_FUTURE_CODE", detail };
    expect(issueMessage(i).zh).toContain(detail);
    expect(renderIssues("zh", [i])).toContain("3:4");
  });
});

describe("bad scenario input", () => {
  it("missing file", async () => {
    const f = join(dir, "nope.yaml");
    const i = await single(f, "fileNotFound");
    expect(renderIssues("en", [i])).toContain(issueMessage(i).en);
  });

  it("a directory", async () => {
    const d = join(dir, "folder.yaml");
    await mkdir(d);
    await single(d, "isDirectory");
  });

  it("empty file", async () => {
    await single(await write("   \n\n"), "emptyFile");
  });

  it("invalid YAML gives line and column", async () => {
    const i = await single(await write(edit("  growth: 0.05", "  growth: [0.05")), "syntax");
    expect(i.line).toBeGreaterThan(30);
    expect(i.column).toBeGreaterThan(0);
  });

  it("binary garbage", async () => {
    const bytes = new Uint8Array(2048);
    for (let k = 0; k < bytes.length; k++) bytes[k] = (k * 7919 + 13) % 256;
    await single(await write(bytes), "binaryFile");
  });

  it("a list where a mapping is expected (top level)", async () => {
    const i = await single(await write("- a\n- b\n"), "notMapping");
    expect(i.found).toBe("a list of 2");
  });

  it("a list where a mapping is expected (field)", async () => {
    const i = await single(await write(edit("  commonShock: {sigma: 0.05}", "  commonShock: [0.05]")), "invalidType");
    expect(i.path).toEqual(["income", "commonShock"]);
  });

  it("wrong types", async () => {
    const i = await single(await write(edit("      households: 300", "      households: many")), "expressionUnknownName");
    expect(i.path).toEqual(["population", "cohorts", 0, "households"]);
    const j = await single(await write(edit("  language: en", "  language: 3")), "invalidChoice");
    expect(j.path).toEqual(["meta", "language"]);
    const k = await single(await write(edit("  relapseMargin: 0.05", "  relapseMargin: 0.05\n  requireSafeHousing: sometimes")), "invalidType");
    expect(k.path).toEqual(["poverty", "requireSafeHousing"]);
  });

  it("a text field missing or of the wrong type says a text or {en, zh} is expected (en and zh)", async () => {
    const missing = await single(await write(edit("  jurisdiction: Test county\n", "")), "missingKey");
    expect(missing.path).toEqual(["meta", "jurisdiction"]);
    expect(missing.expected).toBe("text, or {en: …, zh: …}");
    expect(issueMessage(missing).zh).toContain("文本，或 {en: …, zh: …}");
    const wrong = await single(await write(edit("  jurisdiction: Test county", "  jurisdiction: 5")), "invalidType");
    expect(wrong.expected).toBe("text, or {en: …, zh: …}");
    expect(issueMessage(wrong).en).not.toContain("Invalid input");
  });

  it("a missing number says which forms it takes; an empty list says how many items it needs (en and zh)", async () => {
    const num = await single(await write(edit("      labourShare: 0.7\n", "")), "missingKey");
    expect(num.path).toEqual(["population", "cohorts", 0, "labourShare"]);
    expect(num.expected).toBe("a number, an expression over named values or a mapping");
    expect(issueMessage(num).zh).toContain("数值、基于命名数值的表达式或映射");
    const cohorts = base.slice(base.indexOf("  cohorts:\n"), base.indexOf("poverty:\n"));
    const list = await single(await write(edit(cohorts, "  cohorts: []\n")), "invalidValue");
    expect(list.path).toEqual(["population", "cohorts"]);
    expect(list.expected).toBe("at least 1 item");
    expect(issueMessage(list).zh).toContain("至少 1 项");
    expect(renderIssues("en", [list])).not.toContain("Shares are written as fractions");
  });

  it("negative money", async () => {
    const i = await single(await write(edit("rule: {kind: fixed, amount: 3000000}", "rule: {kind: fixed, amount: -3000000}")), "outOfRange");
    expect(i.path).toEqual(["funding", "sources", 0, "rule", "amount"]);
    expect(i.line).toBeDefined();
  });

  it.each([".nan", ".inf", "-.inf"])("%s is not a number", async (v) => {
    const i = await single(await write(edit("  growth: 0.05", `  growth: ${v}`)), "notFinite");
    expect(i.path).toEqual(["income", "growth"]);
  });

  it("numbers beyond the safe range", async () => {
    const i = await single(await write(edit("      households: 300", "      households: 123456789012345678901")), "unsafeNumber");
    expect(i.path).toEqual(["population", "cohorts", 0, "households"]);
    // What the file says, not the float it was rounded to; reported once.
    expect(i.found).toBe("123456789012345678901");
    const money = await issuesOf(await write(edit("amount: 3000000}", "amount: 9007199254740993}")));
    expect(money).toHaveLength(1);
    expect(money[0]?.code).toBe("unsafeNumber");
    expect(money[0]?.found).toBe("9007199254740993");
  });

  it("shares above 1", async () => {
    const i = await single(await write(edit("labourShare: 0.7", "labourShare: 1.5")), "outOfRange");
    expect(i.path).toEqual(["population", "cohorts", 0, "labourShare"]);
  });

  it("unknown keys, with a did-you-mean", async () => {
    const i = await single(await write(edit("      flags: {remote", "      flgs: {remote")), "unknownKey");
    expect(i.suggestion).toBe("flags");
    expect(i.line).toBe(21);
  });

  it("duplicate keys", async () => {
    const i = await single(await write(edit("  growth: 0.05", "  growth: 0.05\n  growth: 0.06")), "duplicateKey");
    expect(i.found).toBe("growth");
    expect(i.line).toBeGreaterThan(30);
  });

  it("a year outside the horizon", async () => {
    const i = await single(await write(edit("fund: {2017: 1000000}", "fund: {2017: 1000000, 2025: 5}")), "yearOutsideHorizon");
    expect(i.found).toBe("2025");
  });

  it("an unknown programme or pool referenced", async () => {
    const i = await single(await write(edit("    pool: pool\n", "    pool: pol\n")), "unknownReference");
    expect(i.suggestion).toBe("pool");
    const j = await single(await write(edit("programmes.industry.allocation", "programmes.industri.allocation")), "overlayPath");
    expect(j.path).toEqual(["variants", 0, "set"]);
  });

  it("expression: syntax error", async () => {
    await single(await write(edit('"200 * wheatPrice"', '"200 * (wheatPrice"')), "expressionSyntax");
  });

  it("expression: unknown name", async () => {
    const i = await single(await write(edit('"200 * wheatPrice"', '"200 * wheatPrise"')), "expressionUnknownName");
    expect(i.suggestion).toBe("wheatPrice");
  });

  it("expression: cycle", async () => {
    const text = edit("  wheatPrice: {value: 2.3,", "  a: \"b + 1\"\n  b: \"a * 2\"\n  wheatPrice: {value: \"a\",");
    const i = await single(await write(text), "expressionCycle");
    expect(i.detail).toMatch(/a → b → a|b → a → b/);
  });

  it.each([
    ['import({evil: 1}, {override: true})', "function import()"],
    ['createUnit("parsec2")', "function createUnit()"],
    ["wheatPrice.constructor", "property or index access"],
    ["__proto__", "__proto__"],
    ["f(x) = x", "a function definition"],
    ['evaluate("1+1")', "function evaluate()"],
  ])("expression sandbox: %s", async (expr, construct) => {
    const i = await single(await write(edit('"200 * wheatPrice"', JSON.stringify(expr))), "expressionForbidden");
    expect(i.detail).toBe(construct);
  });

  it.each(["toString", "hasOwnProperty", "valueOf + 1"])("expression sandbox: %s is an unknown name, not Object.prototype's", async (expr) => {
    const i = await single(await write(edit('"200 * wheatPrice"', JSON.stringify(expr))), "expressionUnknownName");
    expect(i.detail).toBe(expr.split(" ")[0]);
  });

  it("a variant overlay cannot reach Object.prototype", async () => {
    const text = edit("set: {programmes.industry.allocation: 3000000}", 'set: {programmes.industry.allocation: 3000000, "__proto__.polluted": 1}');
    const f = await write(text);
    const i = await single(f, "overlayPath");
    expect(i.path).toEqual(["variants", 0, "set"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    const out = await runCapture(["describe", join(dir, `case${n - 1}.yaml`), "--set", "constructor.prototype.polluted=1"]);
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toContain("constructor.prototype.polluted");
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("a 50 MB file is rejected with a size message, quickly", async () => {
    const f = join(dir, "huge.yaml");
    await writeFile(f, Buffer.alloc(50 * 1024 * 1024, 0x20));
    const t0 = performance.now();
    const i = await single(f, "fileTooLarge");
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(i.found).toBe("50.0 MB");
  });

  it("a variant overlay on a path that does not exist", async () => {
    const r = await loadScenario(await write(base), { variant: "more-industry", sets: ["programmes.nothing.allocation=5"] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[0]?.code).toBe("overlayPath");
    const out = await runCapture(["describe", join(dir, `case${n - 1}.yaml`), "--set", "programmes.nothing.allocation=5"]);
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toContain("programmes.nothing.allocation");
  });

  it("an unknown variant name lists the real ones", async () => {
    const r = await loadScenario(await write(base), { variant: "less-industry" });
    expect(r.ok || r.error[0]?.code).toBe("unknownVariant");
  });

  it("messages exist in Chinese too", async () => {
    const issues = await issuesOf(await write(edit("labourShare: 0.7", "labourShare: 1.5")));
    const zh = renderIssues("zh", issues);
    expect(zh).toContain("字段 population.cohorts[0].labourShare");
    const out = await runCapture(["validate", "--lang", "zh", join(dir, `case${n - 1}.yaml`)]);
    expect(out.stderr).toContain("发现 1 个问题");
  });

  it("Chinese messages say what was expected and found in Chinese, not in the schema's English", async () => {
    const cases: [string, string, string][] = [
      ["labourShare: 0.7", "labourShare: 1.5", "应为 0 至 1 之间的数值（比例），实际为 1.5"],
      ["  commonShock: {sigma: 0.05}", "  commonShock: [0.05]", "应为 映射，实际为 含 1 项的列表"],
      ["meta:\n", "mta:\n", "字段 meta：缺少必填项（应为 映射）"],
      ["meta:\n", "mta:\n", "字段 （顶层）：未知的键 \"mta\""],
      ["      households: 300", "      households: true", "应为 0 至 10000000000 之间的整数（计数）"],
      ['"200 * wheatPrice"', '"wheatPrice.constructor"', "使用了 属性或下标访问"],
      ['"200 * wheatPrice"', '"f(x) = x"', "使用了 函数定义"],
      ['"200 * wheatPrice"', '"import(1)"', "使用了 函数 import()"],
      ["programmes.industry.allocation", "programmes.industri.allocation", "（方案 more-industry：programmes 中没有 \"industri\" 项）"],
    ];
    for (const [from, to, zhText] of cases) {
      const file = await write(edit(from, to));
      const issues = await issuesOf(file);
      const zh = renderIssues("zh", issues);
      expect(zh).toContain(zhText);
      expect(zh, zh).not.toMatch(/\b(expected|found|a number|a whole number|a list|a mapping|object|top level|property or index|function definition|variant|no item)\b/);
      const out = await runCapture(["validate", "--lang", "zh", file]);
      expect(out.exitCode).toBe(1);
      expect(out.stderr).toContain(zh);
    }
  });
});
