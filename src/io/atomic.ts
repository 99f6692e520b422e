/**
 * Atomic output: a file or a folder appears complete or not at all.
 *
 * Files are written to a temporary sibling and renamed. This primitive replaces whatever
 * file stands at the path: commands write their outputs through io/outputs.ts, which
 * checks first that nothing fundsim did not create is replaced.
 */
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
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
