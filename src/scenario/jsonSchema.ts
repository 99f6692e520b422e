/**
 * JSON Schema of the scenario format, generated from the zod schema so editors
 * (e.g. VS Code with the YAML extension) autocomplete and check scenario files.
 * Shipped scenarios start with `# yaml-language-server: $schema=../schema/scenario.schema.json`.
 */
import { z } from "zod";
import { scenarioSchema } from "./schema.js";

export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any", target: "draft-2020-12", reused: "ref" }) as Record<string, unknown>;
  return {
    ...schema,
    $id: "https://fundsim.dev/schema/scenario.schema.json",
    title: "fundsim scenario",
  };
}
