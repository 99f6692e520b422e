// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";


// ── Floors ────────────────────────────────────────────────────────────────────────
// Imports follow the flow (ARCHITECTURE.md). For each folder, the folders it must not
// import; `types` lists folders it may import types from but no values. One rule for
// static imports and re-exports (@typescript-eslint/no-restricted-imports) and one for
// dynamic `import()` (no-restricted-syntax), built from the same list.
const GROUND = ["model", "random", "io", "util"];
// income/ (the income process kernel) sits between population and engine: the engine may use it.
const STAGES = ["scenario", "ledger", "population", "income", "engine", "results"];
/** Analyses over the stages' outputs (quasi-random designs, sensitivity indices, calibration estimators): stages and ground, no presentation. */
const ANALYSIS = ["sensitivity", "calibration", "optimise"];
const PRESENTATION = ["present", "charts", "render", "report"];
const EDGES = ["cli", "server"];
const ABOVE_PRESENTATION = ["pipeline", ...EDGES];
const folderRegex = (folders) => `^(\\.\\./)+(${folders.join("|")})(/|$)`;
const INDEX = "^(\\.\\./)+index\\.js$";
/** Stage modules that run a stage: only pipeline/ calls them (presentation may import their types). */
const RUNNERS = ["scenario/load", "ledger/build", "population/synthetic", "population/register", "engine/[^/]+", "results/(summarize|paired|precision|reconcile)"];

/** The import rules of files in `files`: no imports of `banned` folders, type-only imports of `typesOnly`, no import of src/index.ts. */
function floor(files, { banned = [], typesOnly = [], runners = false, why }) {
  const patterns = [];
  if (banned.length > 0) patterns.push({ regex: folderRegex(banned), message: why });
  patterns.push({ regex: INDEX, message: "src/index.ts is the public API for callers outside src/; import the module itself." });
  if (typesOnly.length > 0) patterns.push({ regex: folderRegex(typesOnly), allowTypeImports: true, message: `${why} (types may be imported)` });
  if (runners) patterns.push({ regex: `^(\\.\\./)+(${RUNNERS.join("|")})\\.js$`, allowTypeImports: true, message: "Only src/pipeline/ runs the stages; presentation draws what the pipeline computed (types may be imported)." });
  const dynamic = [...banned, ...typesOnly];
  return {
    files,
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { patterns }],
      "no-restricted-syntax": [
        "error",
        ...(dynamic.length > 0 ? [{ selector: `ImportExpression[source.value=/${folderRegex(dynamic).replaceAll("/", "\\/")}/]`, message: why }] : []),
        ...(runners ? [{ selector: `ImportExpression[source.value=/^(\\.\\.\\/)+(${RUNNERS.join("|").replaceAll("/", "\\/")})\\.js$/]`, message: "Only src/pipeline/ runs the stages." }] : []),
      ],
    },
  };
}
const src = (folder) => [`src/${folder}/**/*.ts`];
const floors = [
  // Ground: shared types and primitives; imports nothing above it.
  ...GROUND.map((g) =>
    floor(src(g), { banned: ["messages", ...STAGES, ...ANALYSIS, ...PRESENTATION, ...ABOVE_PRESENTATION], why: `The ground floor (${GROUND.join(", ")}) imports nothing above it.` }),
  ),
  // Messages: every user-facing string; ground values, stages' types only.
  floor(src("messages"), { banned: [...ANALYSIS, ...PRESENTATION, ...ABOVE_PRESENTATION], typesOnly: STAGES, why: "messages/ imports the ground floor, and only types from the stages." }),
  // Stages: each imports only earlier stages, messages and the ground floor.
  ...STAGES.map((stage, i) =>
    floor(src(stage), {
      banned: [...STAGES.slice(i + 1), ...ANALYSIS, ...PRESENTATION, ...ABOVE_PRESENTATION],
      why: `${stage}/ is a stage: it imports only earlier stages (${STAGES.slice(0, i).join(", ") || "none"}), messages and the ground floor.`,
    }),
  ),
  ...ANALYSIS.map((a) => floor(src(a), { banned: [...PRESENTATION, ...ABOVE_PRESENTATION], why: `${a}/ works on the stages' outputs; it never imports presentation, pipeline/ or the edges.` })),
  // Presentation: draws what the pipeline computed; never composes, never calls the edges.
  ...PRESENTATION.map((p) => floor(src(p), { banned: ABOVE_PRESENTATION, runners: true, why: `${p}/ is presentation: it never imports pipeline/, cli/ or server/.` })),
  // Composition: the only folder that calls several stages.
  floor(src("pipeline"), { banned: EDGES, why: "pipeline/ composes the stages; it never imports the edges." }),
  // Edges: the CLI reaches the stages through pipeline/ (types may be imported).
  ...EDGES.map((e) => floor(src(e), { typesOnly: STAGES, why: `${e}/ reaches the stages through src/pipeline/.` })),
  // The public API lists the library, never the CLI.
  {
    files: ["src/index.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: [{ regex: "^\\./(cli|server)(/|$)", message: "src/index.ts is the library; the CLI is its own entry point (fundsim/cli)." }] }],
    },
  },
];

export default tseslint.config(
  { ignores: [".tmp-*", ".eslint-tmp-*", "dist/**", "node_modules/**", "out/**", "coverage/**", "notebooks/**", ".deno/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "no-console": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-properties": ["error", { object: "Math", property: "random", message: "Randomness is seeded: use src/random/rng.ts." }],
    },
  },
  {
    files: ["src/cli/**/*.ts", "bench/**/*.ts", "bin/**/*.js", "scripts/**/*.{js,ts,mjs}"],
    rules: { "no-console": "off" },
  },
  ...floors,
  // The workbench page talks to src/server/ over HTTP; from src/ it imports only its words.
  {
    files: ["web/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: [{ regex: "^\\.\\./src/(?!messages/)", message: "web/ reaches fundsim through the server's HTTP API; it imports only its words from src/messages/." }] }],
    },
  },
  {
    files: ["bin/**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
);
