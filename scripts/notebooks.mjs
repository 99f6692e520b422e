#!/usr/bin/env node
/**
 * Execute every notebook in notebooks/ headlessly with the Deno TypeScript kernel:
 *
 *   npm run notebooks            # all notebooks
 *   npm run notebooks -- 01      # those whose file name contains "01"
 *
 * The kernelspec lives in notebooks/jupyter/kernels/fundsim-deno (JUPYTER_PATH points
 * there); the Deno binary comes from the pinned npm package `deno`. Executed copies go
 * to out/notebooks/executed/ and the notebooks' own exports under out/notebooks/.
 * Exits non-zero when a cell fails (jupyter nbconvert --execute does).
 *
 * Needs Debian's jupyter-nbconvert, python3-nbclient and jupyter-client.
 */
/* global process, console */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const denoDir = join(root, "node_modules", "deno");
if (!existsSync(join(denoDir, "deno"))) {
  console.error("The Deno binary is missing (node_modules/deno/deno). Run `npm ci` first.");
  process.exit(1);
}
const env = {
  ...process.env,
  PATH: `${denoDir}${delimiter}${process.env.PATH ?? ""}`,
  JUPYTER_PATH: join(root, "notebooks", "jupyter"),
  DENO_DIR: join(root, ".deno"),
  DENO_NO_UPDATE_CHECK: "1",
  NO_COLOR: "1",
};
const probe = spawnSync("jupyter", ["nbconvert", "--version"], { env, encoding: "utf8" });
if (probe.status !== 0) {
  console.error("jupyter nbconvert is not available. Install Debian's jupyter-nbconvert python3-nbclient jupyter-client (apt-get install …).");
  process.exit(1);
}
const filter = process.argv[2] ?? "";
const notebooks = readdirSync(join(root, "notebooks"))
  .filter((f) => f.endsWith(".ipynb") && !f.startsWith("_") && f.includes(filter))
  .sort();
const outDir = join(root, "out", "notebooks", "executed");
mkdirSync(outDir, { recursive: true });
let failed = 0;
for (const nb of notebooks) {
  const started = Date.now();
  const r = spawnSync(
    "jupyter",
    ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=600", "--ExecutePreprocessor.kernel_name=fundsim-deno", "--output-dir", outDir, join(root, "notebooks", nb)],
    { env, encoding: "utf8", cwd: join(root, "notebooks") },
  );
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status === 0) console.log(`ok      ${nb} (${secs} s)`);
  else {
    failed++;
    console.error(`FAILED  ${nb} (${secs} s)\n${(r.stderr ?? "").split("\n").slice(-40).join("\n")}`);
  }
}
console.log(`${notebooks.length - failed} of ${notebooks.length} notebooks ran without error; executed copies in ${outDir}`);
process.exit(failed === 0 ? 0 : 1);
