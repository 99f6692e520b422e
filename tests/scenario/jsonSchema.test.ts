import { describe, it, expect } from "vitest";
import { readFile, readdir } from "node:fs/promises";
import { parse } from "yaml";
import { Ajv2020 } from "ajv/dist/2020.js";
import { scenarioJsonSchema } from "../../src/scenario/index.js";

const root = new URL("../../", import.meta.url);

describe("JSON Schema for editors", () => {
  it("the committed schema/scenario.schema.json is the generated one", async () => {
    const committed = JSON.parse(await readFile(new URL("schema/scenario.schema.json", root), "utf8")) as unknown;
    expect(committed).toEqual(scenarioJsonSchema());
  });

  it("accepts the test fixture and every shipped scenario, rejects a typo", async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(scenarioJsonSchema());
    const files = [new URL("tests/fixtures/minimal.yaml", root)];
    for (const f of await readdir(new URL("scenarios/", root))) if (f.endsWith(".yaml")) files.push(new URL(`scenarios/${f}`, root));
    for (const f of files) {
      const data = JSON.parse(JSON.stringify(parse(await readFile(f, "utf8")))) as unknown;
      expect(validate(data), `${f.pathname}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }
    const bad = parse(await readFile(files[0]!, "utf8")) as { income: Record<string, unknown> };
    bad.income["grwth"] = 1;
    expect(validate(JSON.parse(JSON.stringify(bad)))).toBe(false);
  });
});
