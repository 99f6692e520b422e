/**
 * The full report from the workbench API: started as an analysis, followed to the end, and
 * downloaded as a zip holding what `fundsim report` writes (report.html, report.xlsx, the
 * charts, manifest.json), with a kept variant compared in it. Nothing is left behind in the
 * temporary folder the server made.
 */
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.js";

const logged: unknown[] = [];
const { app } = createApp({ log: (e) => logged.push(e), webDir: "/nonexistent" });
const post = (path: string, body: unknown) => app.request(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const reportDirs = (): string[] => readdirSync(tmpdir()).filter((f) => f.startsWith("fundsim-report-"));

describe("the report over the API", () => {
  it("writes the report with a variant, zips it and removes its folder", async () => {
    const before = reportDirs();
    const res = await post("/api/report", { scenarioId: "linghai-2017", runs: 20, decompose: false, lang: "zh", variants: [{ name: "满负荷", variant: "full-capacity" }] });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    let v: { status: string; done: number; planned: number; file: { name: string; url: string } | null; error: unknown } = { status: "running", done: 0, planned: 0, file: null, error: null };
    for (let i = 0; i < 1800 && v.status === "running"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      v = (await (await app.request(`/api/analyses/${id}`)).json()) as typeof v;
    }
    expect(v.error).toBeNull();
    expect(v.status).toBe("done");
    expect(v.planned).toBeGreaterThan(0);
    expect(v.file?.name).toBe("linghai-2017-report.zip");
    const file = await app.request(v.file!.url);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/zip");
    const files = unzipSync(new Uint8Array(await file.arrayBuffer()));
    const names = Object.keys(files);
    for (const f of ["report.html", "report.xlsx", "manifest.json"]) expect(names).toContain(`linghai-2017-report/${f}`);
    expect(names.some((n) => n.startsWith("linghai-2017-report/charts/") && n.endsWith(".png"))).toBe(true);
    const html = new TextDecoder().decode(files["linghai-2017-report/report.html"]);
    expect(html).toMatch(/满负荷/); // the variant is in the report, under the name given
    expect(html).toMatch(/lang="zh/);
    expect(reportDirs()).toEqual(before);
    expect(logged).toEqual([]);
  });
});
