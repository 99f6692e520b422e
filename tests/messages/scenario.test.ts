import { describe, it, expect } from "vitest";
import { ISSUE_CODES, type Issue } from "../../src/scenario/issues.js";
import { issueMessage, issueHint, moreIssues, renderIssues } from "../../src/messages/scenario.js";

describe("scenario messages", () => {
  it("every issue code has a message in English and Chinese", () => {
    for (const code of ISSUE_CODES) {
      const i: Issue = { code, path: ["a", 0, "b"], expected: "E", found: "F", detail: "D" };
      const m = issueMessage(i);
      expect(m.en.length, code).toBeGreaterThan(5);
      expect(m.zh.length, code).toBeGreaterThan(2);
      expect(m.zh, code).toMatch(/[\u4e00-\u9fff]/);
      const h = issueHint(i);
      if (h) expect(h.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("renders location, message and hint; caps long lists", () => {
    const issues: Issue[] = Array.from({ length: 25 }, (_, k) => ({ code: "unknownKey", path: ["x"], found: `k${k}`, file: "s.yaml", line: k + 1, column: 3 }));
    const text = renderIssues("en", issues);
    expect(text).toContain('✖ s.yaml:1:3: At x: unknown key "k0".');
    expect(text).toContain(moreIssues(15).en);
    expect(renderIssues("zh", issues)).toContain(moreIssues(15).zh);
  });
});
