import { describe, it, expect } from "vitest";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFileAtomic } from "../../src/io/atomic.js";

describe("atomic outputs", () => {
  it("a file appears whole and leaves no temporary behind", async () => {
    const dir = await mkdtemp(join(tmpdir(), "fundsim-atomic-"));
    await writeFileAtomic(join(dir, "a", "x.txt"), "hello");
    expect(await readFile(join(dir, "a", "x.txt"), "utf8")).toBe("hello");
    expect(await readdir(join(dir, "a"))).toEqual(["x.txt"]);
    await rm(dir, { recursive: true });
  });
});
