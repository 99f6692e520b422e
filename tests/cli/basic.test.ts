import { describe, it, expect } from "vitest";
import { runCapture } from "../../src/cli/main.js";
import { fileValid } from "../../src/messages/scenario.js";

const fixture = new URL("../fixtures/minimal.yaml", import.meta.url).pathname;

describe("cli basics", () => {
  it("--help lists the commands and exits 0", async () => {
    const out = await runCapture(["--help"]);
    expect(out.exitCode).toBe(0);
    for (const c of ["validate", "describe", "schema"]) expect(out.stdout).toContain(c);
  });

  it("no command, an unknown command or option: usage error, exit 2", async () => {
    for (const argv of [[], ["frobnicate"], ["validate", fixture, "--bogus"]]) {
      const out = await runCapture(argv);
      expect(out.exitCode, argv.join(" ")).toBe(2);
      expect(out.stderr).toContain("fundsim --help");
    }
  });

  it("validate: valid file exits 0 with a tick", async () => {
    const out = await runCapture(["validate", fixture]);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain(fileValid(fixture).en);
  });

  it("schema prints JSON Schema", async () => {
    const out = await runCapture(["schema"]);
    expect(out.exitCode).toBe(0);
    const s = JSON.parse(out.stdout) as { title: string; properties: Record<string, unknown> };
    expect(s.title).toBe("fundsim scenario");
    expect(Object.keys(s.properties)).toContain("creditPools");
  });

  it("describe summarises in English and Chinese, with variants applied", async () => {
    const en = await runCapture(["describe", fixture]);
    expect(en.exitCode).toBe(0);
    expect(en.stdout).toContain("Minimal test county");
    expect(en.stdout).toContain("1,080 people");
    const zh = await runCapture(["describe", fixture, "--lang", "zh", "--variant", "more-industry"]);
    expect(zh.stdout).toContain("测试县");
    expect(zh.stdout).toContain("安排 300 万元");
  });
});
