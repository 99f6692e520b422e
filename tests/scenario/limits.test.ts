/**
 * YAML edges within time and memory bounds: line-ending styles keep positions, deep nesting,
 * large documents and unsupported tags each get one located message saying what is wrong.
 */
import { describe, it, expect, beforeAll } from "vitest";
import { readFile } from "node:fs/promises";
import { parseScenarioText, MAX_SCENARIO_BYTES, type Issue } from "../../src/scenario/index.js";
import { issueMessage, renderIssues } from "../../src/messages/scenario.js";
import { MAX_NESTING } from "../../src/scenario/yamlLimits.js";

let base = "";
beforeAll(async () => {
  base = await readFile(new URL("../fixtures/minimal.yaml", import.meta.url), "utf8");
});

function issuesOf(text: string): Issue[] {
  const r = parseScenarioText(text, { file: "s.yaml" });
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.error;
}

describe("line endings", () => {
  // The fixture's line 2 is `fundsim: 1`; a bad key on line 3 must be found at line 3 in every style.
  for (const [name, eol] of [["LF", "\n"], ["CRLF", "\r\n"], ["lone CR", "\r"]] as const) {
    it(`${name}: positions are kept`, () => {
      const text = base.replace("fundsim: 1\n", "fundsim: 1\nbogus: 2\n").replace(/\n/g, eol);
      const issues = issuesOf(text);
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ code: "unknownKey", found: "bogus", line: 3 });
    });
  }

  it("a valid file with lone CR line ends is valid", () => {
    expect(parseScenarioText(base.replace(/\n/g, "\r")).ok).toBe(true);
  });
});

describe("nesting depth", () => {
  for (const [name, text] of [
    ["flow lists", `a: ${"[".repeat(5000)}1${"]".repeat(5000)}\n`],
    ["block mappings", Array.from({ length: 200 }, (_, i) => `${" ".repeat(i)}k:`).join("\n")],
    ["compact lists", `${"- ".repeat(5000)}1\n`],
  ] as const) {
    it(`${name}: one message naming the limit, not "too many aliases"`, () => {
      const issues = issuesOf(text);
      expect(issues).toHaveLength(1);
      const i = issues[0]!;
      expect(i.code).toBe("tooDeep");
      expect(i.line).toBeGreaterThan(0);
      expect(issueMessage(i).en).toContain(String(MAX_NESTING));
      expect(issueMessage(i).zh).toContain(String(MAX_NESTING));
      expect(renderIssues("en", issues)).not.toMatch(/alias/i);
    });
  }

  it("a 2 MB nested file is refused without growing memory by more than a few hundred MB", () => {
    const before = process.memoryUsage().rss;
    const issues = parseScenarioText(`a: ${"[".repeat(1 << 20)}${"]".repeat(1 << 20)}`);
    expect(issues.ok).toBe(false);
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * 1024 * 1024);
  });
});

describe("document size and many keys", () => {
  it("a flat mapping of 150,000 keys is refused by the size limit, saying the limit", () => {
    const text = Array.from({ length: 150_000 }, (_, i) => `k${i}: ${i}`).join("\n");
    const issues = issuesOf(text);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "fileTooLarge", expected: `${MAX_SCENARIO_BYTES / 1024} KB` });
  });

  it("many unknown keys under the limit: each one located, the duplicate check linear", () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: ${i}`).join("\n");
    const issues = issuesOf(`${base}\n${keys}\nk7: 1\n`);
    // The repeated key is found, at its own line.
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "duplicateKey", found: "k7", line: base.split("\n").length + 20_001 });
    const unknown = issuesOf(`${base}\n${keys}\n`);
    expect(unknown).toHaveLength(20_000);
    expect(unknown[19_999]).toMatchObject({ code: "unknownKey", found: "k19999", line: base.split("\n").length + 20_000 });
  });

  it("2017 and '2017' are the same key once read", () => {
    const issues = issuesOf(base.replace("targets:\n  exits: {2017: 300,", "targets:\n  exits: {'2017': 1, 2017: 300,"));
    expect(issues[0]).toMatchObject({ code: "duplicateKey", found: "2017" });
  });
});

describe("tags", () => {
  for (const [tag, value] of [
    ["!!binary", "aGVsbG8="],
    ["!!set", "{a, b}"],
    ["!!timestamp", "2017-06-30"],
    ["!!omap", "[{a: 1}]"],
    ["!county", "x"],
  ] as const) {
    it(`${tag} is refused by name in one located message`, () => {
      const issues = issuesOf(base.replace("  jurisdiction: Test county", `  jurisdiction: ${tag} ${value}`));
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ code: "unsupportedTag", found: tag, line: 6 });
      expect(issueMessage(issues[0]!).en).toContain(tag);
      expect(issueMessage(issues[0]!).zh).toContain(tag);
    });
  }

  it("core tags are accepted", () => {
    expect(parseScenarioText(base.replace("  jurisdiction: Test county", "  jurisdiction: !!str Test county")).ok).toBe(true);
  });
});
