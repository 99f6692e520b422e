import { describe, it, expect } from "vitest";
import { runCapture } from "../../src/cli/main.js";
import { fileValid } from "../../src/messages/scenario.js";
import { displayWidth } from "../../src/present/ledgerText.js";

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
    expect(en.stdout).not.toContain("served anew every year");
    const yearly = await runCapture(["describe", fixture, "--set", "programmes.industry.enrolment=yearly", "--set", "programmes.industry.unitCost.recurringYears=2"]);
    expect(yearly.stdout).toMatch(/unit cost 5,000 yuan\/household; paid 2 years; served anew every year/);
  });

  it("describe says what each line does and what is not known", async () => {
    const linghai = new URL("../../scenarios/linghai-2017.yaml", import.meta.url).pathname;
    const en = (await runCapture(["describe", linghai])).stdout;
    expect(en).toContain("→ village: every household of a served village × lognormal(median 1.02, sigma 0.02), lag 1 year(s)");
    expect(en).toContain("→ no modelled effect: the plan does not say how many poor households the enterprises carry");
    expect(en).toContain("loans already out at the start 6,350,000 yuan");
    expect(en).toContain("Unknowns (each drawn once per run, shared by all households)");
    expect(en).toContain("creditPools.risk-fund.pd: triangular(min 0.003, mode 0.02, max 0.06)");
    const anqing = new URL("../../scenarios/anqing-2016.yaml", import.meta.url).pathname;
    const zh = (await runCapture(["describe", anqing, "--lang", "zh"])).stdout;
    expect(zh).toContain("→ 当年以现金发给受益农户");
    expect(zh).toContain("→ 赔付灾害损失的 40%");
    expect(zh).toContain("不确定：每次模拟乘以抽样系数（lognormal(median 1, sigma 0.3)）");
  });
});

describe("describe layout", () => {
  const shipped = ["linghai-2017", "zhengzhou-2016", "hanyang-2015", "jiangmen-2016", "anqing-2016"];
  it.each(shipped.flatMap((n) => [[n, "en"], [n, "zh"]] as const))("%s (%s): labels and values are separated and aligned", async (name, lang) => {
    const file = new URL(`../../scenarios/${name}.yaml`, import.meta.url).pathname;
    const out = await runCapture(["describe", file, "--lang", lang]);
    expect(out.exitCode).toBe(0);
    const lines = out.stdout.split("\n");
    // Sections whose lines are "  label  value": sources and programmes.
    const heads = lang === "en" ? ["Money (funding sources)", "Programmes"] : ["资金来源", "项目"];
    for (const head of heads) {
      const start = lines.indexOf(head);
      expect(start, head).toBeGreaterThan(0);
      const body = lines.slice(start + 1, lines.indexOf("", start));
      const rows = body.filter((l) => /^ {2}\S/.test(l) && !/^ {2}(Per-person|人均)/.test(l));
      expect(rows.length, head).toBeGreaterThan(0);
      const columns = new Set<number>();
      for (const row of rows) {
        const gap = /\S( {2,})\S/.exec(row.slice(2));
        expect(gap, `no two-space gap after the label in: ${row}`).not.toBeNull();
        const labelEnd = 2 + gap!.index + 1;
        if (displayWidth(row.slice(0, labelEnd)) <= 42) columns.add(displayWidth(row.slice(0, labelEnd + gap![1]!.length)));
      }
      expect([...columns], `${head}: values start in one column`).toHaveLength(1);
    }
  });
});
