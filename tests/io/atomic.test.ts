import { describe, it, expect } from "vitest";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFileAtomic, writeDirAtomic } from "../../src/io/atomic.js";

describe("atomic outputs", () => {
  it("a file appears whole and leaves no temporary behind", async () => {
    const dir = await mkdtemp(join(tmpdir(), "fundsim-atomic-"));
    await writeFileAtomic(join(dir, "a", "x.txt"), "hello");
    expect(await readFile(join(dir, "a", "x.txt"), "utf8")).toBe("hello");
    expect(await readdir(join(dir, "a"))).toEqual(["x.txt"]);
    await rm(dir, { recursive: true });
  });

  it("a folder replaces the old one only when complete; a failure leaves the old one intact", async () => {
    const dir = await mkdtemp(join(tmpdir(), "fundsim-atomic-"));
    const out = join(dir, "out");
    await writeDirAtomic(out, async (tmp) => writeFile(join(tmp, "summary.json"), "{}"));
    expect(await readdir(out)).toEqual(["summary.json"]);
    await expect(
      writeDirAtomic(out, async (tmp) => {
        await writeFile(join(tmp, "half.csv"), "run,year\n");
        throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
    expect(await readdir(out)).toEqual(["summary.json"]);
    expect((await readdir(dir)).sort()).toEqual(["out"]);
    await writeDirAtomic(out, async (tmp) => writeFile(join(tmp, "runs.csv"), "x"));
    expect(await readdir(out)).toEqual(["runs.csv"]);
    expect(await readdir(dir)).toEqual(["out"]);
    await rm(dir, { recursive: true });
  });
});
