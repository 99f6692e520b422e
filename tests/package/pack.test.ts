/**
 * The npm package: what `npm pack` ships, what `exports` exposes, and that runtime
 * dependencies are exactly the packages the shipped code imports. (The slow end-to-end
 * check — clone, `npm ci`, pack, install in an empty folder, run a report — is
 * `npm run test:pack`.)
 */
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  files: string[];
  bin: Record<string, string>;
  exports: Record<string, unknown>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};

/** The files `npm pack` would put in the tarball (from the current dist/, without running prepack). */
function packedFiles(): string[] {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const [info] = JSON.parse(out) as { files: { path: string }[] }[];
  return (info?.files ?? []).map((f) => f.path).sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => join(e.parentPath, e.name));
}

describe("npm package", () => {
  it("ships the compiled library, the bin, the schema and the scenarios — no tests, sources or CI scripts", () => {
    const files = packedFiles();
    for (const f of ["package.json", "README.md", "LICENSE", "bin/fundsim.js", "dist/src/index.js", "dist/src/index.d.ts", "dist/src/cli/main.js", "dist/src/engine/worker.js", "schema/scenario.schema.json", "scenarios/linghai-2017.yaml"]) {
      expect(files).toContain(f);
    }
    const stray = files.filter((f) => /^(tests|src|bench|dist\/bench|scripts|notebooks|docs|\.github)\//.test(f) || /\.(map|tsbuildinfo|ts)$/.test(f.replace(/\.d\.ts$/, "")));
    expect(stray).toEqual([]);
  });

  it("builds before packing and exposes the API, the CLI, package.json and the schema", () => {
    expect(pkg.scripts["prepack"]).toMatch(/npm run build/);
    expect(pkg.bin["fundsim"]).toBe("bin/fundsim.js");
    expect(Object.keys(pkg.exports).sort()).toEqual([".", "./cli", "./package.json", "./queue", "./schema/*"]);
  });

  it("depends at run time on exactly the packages the shipped code imports", () => {
    const imported = new Set<string>();
    for (const file of sourceFiles(join(ROOT, "src"))) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/(?:^import [^;]*? from |^export [^;]*? from |import\(|createRequire\(import\.meta\.url\)\()"([^".][^"]*)"/gm)) {
        const spec = m[1] ?? "";
        if (spec.startsWith("node:") || /^import type /.test(m[0])) continue;
        imported.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : (spec.split("/")[0] ?? spec));
      }
    }
    // The offline HTML report reads vega-embed's browser build from its package folder.
    imported.add("vega-embed");
    expect(Object.keys(pkg.dependencies).sort()).toEqual([...imported].sort());
    expect(pkg.devDependencies["simple-statistics"]).toBeDefined();
  });
});
