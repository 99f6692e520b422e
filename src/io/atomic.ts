/**
 * Atomic output: a file or a folder appears complete or not at all.
 *
 * Files are written to a temporary sibling and renamed; folders are assembled in a
 * temporary sibling folder and renamed over the target (the previous folder, if any,
 * is moved aside first and removed after the swap).
 */
import { mkdir, rename, rm, writeFile, stat } from "node:fs/promises";
import { dirname, basename, join } from "node:path";
import { randomBytes } from "node:crypto";

const tmpSuffix = (): string => `.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;

/** Write `data` to `path` atomically (temp file in the same folder, then rename). */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}${tmpSuffix()}`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/**
 * Build a folder atomically: `fill` writes into a fresh temporary folder; on success it
 * replaces `dir`. On failure the temporary folder is removed and `dir` is untouched.
 *
 * @example
 * await writeDirAtomic("out/linghai", async (tmp) => {
 *   await writeFile(join(tmp, "summary.json"), json);
 * });
 */
export async function writeDirAtomic(dir: string, fill: (tmpDir: string) => Promise<void>): Promise<void> {
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  const tmp = join(parent, `.${basename(dir)}${tmpSuffix()}`);
  await mkdir(tmp);
  try {
    await fill(tmp);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  const exists = await stat(dir).then(() => true, () => false);
  if (exists) {
    const old = join(parent, `.${basename(dir)}.old${tmpSuffix()}`);
    await rename(dir, old);
    await rename(tmp, dir);
    await rm(old, { recursive: true, force: true });
  } else {
    await rename(tmp, dir);
  }
}
