/**
 * The notebooks are well-formed and use the public API only. (Executing them needs
 * Jupyter and takes ~30 s: `npm run notebooks`, which CI runs after the tests.)
 */
import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

interface Cell {
  readonly cell_type: string;
  readonly id?: string;
  readonly source: readonly string[] | string;
  readonly outputs?: readonly unknown[];
}
interface Notebook {
  readonly nbformat: number;
  readonly metadata: { readonly kernelspec?: { readonly name?: string } };
  readonly cells: readonly Cell[];
}

const dir = "notebooks";
const files = readdirSync(dir).filter((f) => f.endsWith(".ipynb") && !f.startsWith("_"));

describe("notebooks", () => {
  it("are the four the project documents", () => {
    expect(files.sort()).toEqual(["01-linghai-guarantee-pool.ipynb", "02-jiangmen-per-person-target.ipynb", "03-your-own-scenario.ipynb", "04-calibration.ipynb"]);
  });

  it("have a committed kernelspec that runs Deno's Jupyter kernel", () => {
    const spec = JSON.parse(readFileSync(join(dir, "jupyter/kernels/fundsim-deno/kernel.json"), "utf8")) as { argv: string[]; language: string };
    expect(spec.argv.slice(0, 3)).toEqual(["deno", "jupyter", "--kernel"]);
    expect(spec.argv).toContain("{connection_file}");
    expect(spec.language).toBe("typescript");
  });

  for (const f of files) {
    it(`${f}: nbformat 4, the fundsim kernel, cell ids, no stored outputs, public API imports only`, () => {
      const nb = JSON.parse(readFileSync(join(dir, f), "utf8")) as Notebook;
      expect(nb.nbformat).toBe(4);
      expect(nb.metadata.kernelspec?.name).toBe("fundsim-deno");
      const code = nb.cells.filter((c) => c.cell_type === "code");
      expect(code.length).toBeGreaterThan(2);
      for (const c of nb.cells) expect(c.id).toMatch(/^[a-zA-Z0-9-_]+$/);
      for (const c of code) expect(c.outputs ?? []).toEqual([]);
      const text = code.map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source)).join("\n");
      const imports = [...text.matchAll(/\bfrom\s+"([^"]+)"/g)].map((m) => m[1]);
      expect(imports.length).toBeGreaterThan(0);
      for (const spec of imports) expect(spec).toBe("../src/index.ts");
    });
  }
});
