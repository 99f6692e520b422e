/** `fundsim schema` — print the JSON Schema of the scenario format (for editors). */
import type { CommandFactory } from "../command.js";

export const schemaCommand: CommandFactory = (y, ctx) =>
  y.command(
    "schema",
    "Print the JSON Schema of scenario files (editors use it to autocomplete)",
    (a) => a,
    async () => {
      const { scenarioJsonSchema } = await import("../../scenario/index.js");
      ctx.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    },
  );
