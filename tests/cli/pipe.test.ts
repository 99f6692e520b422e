/**
 * Output to a reader that goes away (`fundsim schema | head -1`): no stack trace.
 * Runs the built launcher (`npm test` builds first), as a shell pipeline would.
 */
import { describe, it, expect } from "vitest";
import { spawn } from "node:child_process";
import { Writable } from "node:stream";
import { streamOutput } from "../../src/cli/main.js";

const bin = new URL("../../bin/fundsim.js", import.meta.url).pathname;

describe("closed output pipe", () => {
  it("drops further output quietly once the stream reports EPIPE", () => {
    let written = "";
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        written += chunk.toString();
        done();
      },
    });
    const out = streamOutput(stream);
    out.write("a");
    const epipe = Object.assign(new Error("write EPIPE"), { code: "EPIPE" });
    stream.emit("error", epipe);
    expect(() => out.write("b")).not.toThrow();
    expect(written).toBe("a");
  });

  it("fundsim schema | head -c 100 ends without a stack trace", async () => {
    // A shell pipeline, as a user types it: head exits while the 120 KB schema is still being written.
    const child = spawn("sh", ["-c", `"${process.execPath}" "${bin}" schema | head -c 100 >/dev/null`], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});
