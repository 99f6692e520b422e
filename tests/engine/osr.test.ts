import type * as V8 from "node:v8";
import { describe, expect, it, vi } from "vitest";

const flags: string[] = [];
vi.mock("node:v8", async (importOriginal) => ({
  ...(await importOriginal<typeof V8>()),
  setFlagsFromString: (f: string) => flags.push(f),
}));
// The suite shares modules between test files (vitest.config.ts: isolate off): load osr.js afresh, with the mock.
vi.resetModules();
const { osrOff, withoutOsr } = await import("../../src/engine/osr.js");

describe("OSR switched off around model simulations", () => {
  it("switches off once for nested and overlapping users and back on after the last", async () => {
    flags.length = 0;
    const a = osrOff();
    const b = osrOff();
    expect(flags).toEqual(["--no-use-osr"]);
    a();
    a(); // a second call of the same restore counts once
    expect(flags).toEqual(["--no-use-osr"]);
    b();
    expect(flags).toEqual(["--no-use-osr", "--use-osr"]);
  });

  it("restores after an async function, also when it throws", async () => {
    flags.length = 0;
    await expect(withoutOsr(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(flags).toEqual(["--no-use-osr", "--use-osr"]);
    expect(await withoutOsr(async () => 7)).toBe(7);
    expect(flags).toEqual(["--no-use-osr", "--use-osr", "--no-use-osr", "--use-osr"]);
  });
});
