import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { applyOverlay, parsePath, parseSet } from "../../src/scenario/overlays.js";

const base = { programmes: [{ id: "industry", allocation: 1 }, { id: "housing", unitCost: { amount: 35000 } }], meta: { years: { start: 2017 } } };

describe("overlays", () => {
  it("parses dotted paths with ids and indices", () => {
    expect(parsePath("programmes.industry.allocation")).toEqual(["programmes", "industry", "allocation"]);
    expect(parsePath("funding.sources[0].rule.amount")).toEqual(["funding", "sources", 0, "rule", "amount"]);
  });

  it("addresses list items by id and never mutates the baseline", () => {
    const snapshot = structuredClone(base);
    const r = applyOverlay(base, "programmes.housing.unitCost.amount", 40000, "test");
    expect(r.ok).toBe(true);
    if (r.ok) expect((r.value as typeof base).programmes[1]).toEqual({ id: "housing", unitCost: { amount: 40000 } });
    expect(base).toEqual(snapshot);
  });

  it("refuses paths that do not exist", () => {
    const r = applyOverlay(base, "programmes.nothing.allocation", 1, "variant v");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.found).toContain('no item "nothing"');
    expect(applyOverlay(base, "meta.years.start.x", 1, "t").ok).toBe(false);
  });

  it("never reaches an object's prototype", () => {
    for (const path of ["__proto__.polluted", "constructor.prototype.polluted", "meta.__proto__.polluted", "programmes.industry.toString.x"]) {
      const r = applyOverlay(base, path, 1, "variant v");
      expect(r.ok, path).toBe(false);
      expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    }
    // A list item whose id happens to be "constructor" is still addressable by id.
    const withCtor = { programmes: [{ id: "constructor", allocation: 1 }] };
    const r = applyOverlay(withCtor, "programmes.constructor.allocation", 2, "t");
    expect(r.ok && (r.value as typeof withCtor).programmes[0]?.allocation).toBe(2);
  });

  it("--set values are read as YAML", () => {
    expect(parseSet("a.b=5")).toEqual({ ok: true, value: { path: "a.b", value: 5 } });
    expect(parseSet("a={2017: 1}")).toEqual({ ok: true, value: { path: "a", value: { 2017: 1 } } });
    expect(parseSet("nonsense").ok).toBe(false);
  });

  it("is pure for any value (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const before = JSON.stringify(base);
        const r = applyOverlay(base, "programmes.industry.allocation", v, "p");
        expect(JSON.stringify(base)).toBe(before);
        expect(r.ok).toBe(true);
      }),
    );
  });
});
