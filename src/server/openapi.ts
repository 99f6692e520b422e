/**
 * The OpenAPI 3.1 description of the workbench API, as a typed object next to the routes
 * (tests/server/api.test.ts checks every route of the app is described here and every
 * operation described is a route). Request bodies are the zod schemas of requests.ts turned
 * into JSON Schema (2020-12, which OpenAPI 3.1 uses).
 */
import { z } from "zod";
import { API_ERROR_CODES } from "../messages/server.js";
import { MAX_ANALYSES, MAX_POINT_RUNS, MAX_REPORT_RUNS, KEEP_MS, optimiseRequest, reportRequest, sensitivityRequest } from "./analysis.js";
import { compareRequest, jobRequest, MAX_BODY_BYTES, MAX_RUNS, REQUEST_TIMEOUT_MS, scenarioRequest, simulateRequest, xlsxRequest } from "./requests.js";

type Method = "get" | "post" | "delete";
type SchemaObject = Record<string, unknown>;
interface MediaType {
  readonly schema: SchemaObject;
}
interface ResponseObject {
  readonly description: string;
  readonly content?: Readonly<Record<string, MediaType>>;
}
interface Parameter {
  readonly name: string;
  readonly in: "path" | "query" | "header";
  readonly required?: boolean;
  readonly description: string;
  readonly schema: SchemaObject;
}
export interface Operation {
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { readonly required: boolean; readonly content: Readonly<Record<string, MediaType>> };
  readonly responses: Readonly<Record<string, ResponseObject>>;
}
export interface OpenApiDocument {
  readonly openapi: "3.1.0";
  readonly info: { readonly title: string; readonly version: string; readonly description: string; readonly license: { readonly name: string; readonly identifier: string } };
  readonly paths: Readonly<Record<string, Partial<Record<Method, Operation>>>>;
  readonly components: { readonly schemas: Readonly<Record<string, SchemaObject>> };
}

const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: SchemaObject) => ({ "application/json": { schema } });
const body = (name: string) => ({ required: true, content: json(ref(name)) });
const error = (description: string): ResponseObject => ({ description, content: json(ref("Error")) });
const ERRORS = {
  "400": error("Malformed JSON (badJson) or fields not as expected (badRequest)."),
  "404": error("Unknown shipped scenario (unknownScenario)."),
  "413": error(`Body larger than ${MAX_BODY_BYTES / 1024 / 1024} MB (tooLarge).`),
  "422": error("Invalid scenario or overlay (invalidScenario, located issues as the CLI prints them), too many runs (tooManyRuns), population cannot be built (population)."),
};
const LANG: Parameter = { name: "lang", in: "query", description: "Language of messages (en | zh); `lang` in the body or Accept-Language otherwise.", schema: { enum: ["en", "zh"] } };
const ANALYSIS_ID: Parameter = { name: "id", in: "path", required: true, description: "The analysis's id (POST /api/sensitivity, /api/optimise or /api/report).", schema: { type: "string" } };
const ANALYSIS_STARTED = `Returns at once (202) with the analysis (id, status "running"); poll GET /api/analyses/{id} for progress (done of planned) and the result. At most ${MAX_ANALYSES} run at once (a new one cancels the oldest); a finished one is kept ${KEEP_MS / 60000} minutes.`;
const JOB_ID: Parameter = { name: "id", in: "path", required: true, description: "The job's id (POST /api/jobs).", schema: { type: "string" } };
const download = (type: string, what: string): ResponseObject => ({ description: what, content: { [type]: { schema: { type: "string", format: "binary" } } } });
const ok = (description: string, schema: SchemaObject = { type: "object" }): ResponseObject => ({ description, content: json(schema) });

const asJson = (s: z.ZodType): SchemaObject => z.toJSONSchema(s, { io: "input", unrepresentable: "any" }) as SchemaObject;

/** The document served at GET /api/openapi.json. */
export function openApiDocument(version: string): OpenApiDocument {
  return {
    openapi: "3.1.0",
    info: {
      title: "fundsim workbench API",
      version,
      description: `The exact budget ledger and the seeded Monte-Carlo simulation of a poverty-alleviation scenario, over HTTP (fundsim serve). Runs are addressed by (seed, run): run k is the same in every request with the same seed. Limits: body ${MAX_BODY_BYTES / 1024 / 1024} MB, ${MAX_RUNS} runs per request (per variant for compare), synchronous requests stopped after ${REQUEST_TIMEOUT_MS / 1000} s. Errors: {error: {code, message, issues}} in the request's language. A server bound to 127.0.0.1 answers only to loopback host names (403 forbiddenHost otherwise).`,
      license: { name: "MIT", identifier: "MIT" },
    },
    paths: {
      "/api/openapi.json": { get: { operationId: "openapi", summary: "This description", tags: ["meta"], responses: { "200": ok("OpenAPI 3.1 document") } } },
      "/api/scenarios": { get: { operationId: "listScenarios", summary: "The shipped scenarios (scenarios/*.yaml)", tags: ["scenarios"], responses: { "200": ok("{scenarios: [{id, file, name, jurisdiction, years, variants}]}") } } },
      "/api/scenarios/{id}": {
        get: {
          operationId: "getScenario",
          summary: "One shipped scenario with its YAML text",
          tags: ["scenarios"],
          parameters: [{ name: "id", in: "path", required: true, description: "File name without .yaml, e.g. linghai-2017", schema: { type: "string" } }],
          responses: { "200": ok("{id, file, name, …, text}"), "404": ERRORS["404"] },
        },
      },
      "/api/validate": { post: { operationId: "validate", summary: "Validate a scenario with its overlays (every variant too, as fundsim validate)", tags: ["ledger"], parameters: [LANG], requestBody: body("ScenarioRequest"), responses: { "200": ok("{valid: true, scenario}"), ...ERRORS } } },
      "/api/ledger": { post: { operationId: "ledger", summary: "The exact budget ledger (sources, uses, balance, checks), the scenario's overview and its editable allocations", tags: ["ledger"], parameters: [LANG], requestBody: body("ScenarioRequest"), responses: { "200": ok("{scenario, overview, editable, ledger}"), ...ERRORS } } },
      "/api/ledger.xlsx": { post: { operationId: "ledgerXlsx", summary: "The ledger as an Excel workbook (as fundsim export-xlsx writes it)", tags: ["downloads"], parameters: [LANG], requestBody: body("XlsxRequest"), responses: { "200": download("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "The workbook"), ...ERRORS } } },
      "/api/template.xlsx": { post: { operationId: "templateXlsx", summary: "The allocation workbook to fill in Excel (as fundsim template-xlsx writes it)", tags: ["downloads"], parameters: [LANG], requestBody: body("ScenarioRequest"), responses: { "200": download("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "The workbook"), ...ERRORS } } },
      "/api/variant.yaml": { post: { operationId: "variantYaml", summary: "The request's edits (variant and allocations) as a variant file for --variant FILE.yaml", tags: ["downloads"], parameters: [LANG], requestBody: body("ScenarioRequest"), responses: { "200": download("application/yaml", "The variant file"), ...ERRORS } } },
      "/api/variant-from-xlsx": {
        post: {
          operationId: "variantFromXlsx",
          summary: "Read an allocation workbook (the body, at most 5 MB) as a variant object",
          tags: ["scenarios"],
          parameters: [LANG, { name: "name", in: "query", description: "The workbook's file name, for messages", schema: { type: "string" } }],
          requestBody: { required: true, content: { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", format: "binary" } } } },
          responses: { "200": ok("{variant: {id, label, description, set}}"), "413": ERRORS["413"], "422": error("Cells that are not amounts, located by sheet and cell (invalidVariant).") },
        },
      },
      "/api/simulate": { post: { operationId: "simulate", summary: `Simulate (default 200 runs, at most ${MAX_RUNS}): summary, fan data and chart`, tags: ["simulation"], parameters: [LANG], requestBody: body("SimulateRequest"), responses: { "200": ok("{runs, seed, years, headline, fan, chart, summary}"), ...ERRORS, "503": error("Stopped after the time limit (timeout).") } } },
      "/api/simulate/runs.csv": { post: { operationId: "runsCsv", summary: "The runs as runs.csv (as fundsim simulate writes it)", tags: ["downloads"], parameters: [LANG], requestBody: body("SimulateRequest"), responses: { "200": download("text/csv", "runs.csv"), ...ERRORS, "503": error("Stopped after the time limit (timeout).") } } },
      "/api/compare": { post: { operationId: "compare", summary: "Variants on common random numbers; each later one minus the first, run by run, with intervals", tags: ["simulation"], parameters: [LANG], requestBody: body("CompareRequest"), responses: { "200": ok("{runs, seed, variants, differences, chart}"), ...ERRORS, "503": error("Stopped after the time limit (timeout).") } } },
      "/api/jobs": {
        post: {
          operationId: "startJob",
          summary: "Start a simulation refined in stages (default 10, 50, 200 runs)",
          description: "Returns at once (202) with the job's id; follow it at /api/jobs/{id}/events. Each stage adds runs to the previous ones (same seed, runs addressed by index).",
          tags: ["simulation"],
          parameters: [LANG],
          requestBody: body("JobRequest"),
          responses: { "202": ok("{id, status, stages, seed, events}"), ...ERRORS },
        },
      },
      "/api/jobs/{id}": {
        get: { operationId: "getJob", summary: "A job's status and latest estimate", tags: ["simulation"], parameters: [JOB_ID], responses: { "200": ok("{id, status, stages, seed, estimate}"), "404": error("No such job (jobNotFound).") } },
        delete: { operationId: "cancelJob", summary: "Cancel a job", tags: ["simulation"], parameters: [JOB_ID], responses: { "200": ok("{id, status}"), "404": error("No such job (jobNotFound).") } },
      },
      "/api/jobs/{id}/events": {
        get: {
          operationId: "jobEvents",
          summary: "Server-Sent Events: `estimate` per stage, then `done`, `cancelled` or `error`; closing the stream cancels the job",
          tags: ["simulation"],
          parameters: [JOB_ID],
          responses: { "200": { description: "text/event-stream", content: { "text/event-stream": { schema: { type: "string" } } } }, "404": error("No such job (jobNotFound).") },
        },
      },
      "/api/sensitivity": {
        post: {
          operationId: "startSensitivity",
          summary: `A sensitivity study, as fundsim sensitivity makes it (tornado or morris; at most ${MAX_POINT_RUNS} runs per evaluation, default 50)`,
          description: `${ANALYSIS_STARTED} The result: the table and text the CLI prints, in the request's language, and a Vega-Lite chart.`,
          tags: ["analyses"],
          parameters: [LANG],
          requestBody: body("SensitivityRequest"),
          responses: { "202": ok("{id, kind, status, done, planned, elapsedMs, result: null, file: null, error: null}"), ...ERRORS },
        },
      },
      "/api/optimise": {
        post: {
          operationId: "startOptimise",
          summary: `An optimisation of the split, as fundsim optimise makes it (at most ${MAX_POINT_RUNS} runs per split, default 50)`,
          description: `${ANALYSIS_STARTED} The result: each line's money under the plan and optimised, the verdict on fresh runs, a chart, and the split as a variant object and as allocations (programme → year → yuan) for the requests' \`variant\` and \`allocations\` fields.`,
          tags: ["analyses"],
          parameters: [LANG],
          requestBody: body("OptimiseRequest"),
          responses: { "202": ok("{id, kind, status, …}"), ...ERRORS },
        },
      },
      "/api/report": {
        post: {
          operationId: "startReport",
          summary: `The full report, as fundsim report writes it, zipped (at most ${MAX_REPORT_RUNS} runs, default 200)`,
          description: `${ANALYSIS_STARTED} When done, GET /api/analyses/{id}/file downloads the zip: report.html (offline), report.xlsx, every chart as PNG, SVG, Vega-Lite and CSV, and manifest.json.`,
          tags: ["analyses", "downloads"],
          parameters: [LANG],
          requestBody: body("ReportRequest"),
          responses: { "202": ok("{id, kind, status, …}"), ...ERRORS },
        },
      },
      "/api/analyses/{id}": {
        get: { operationId: "getAnalysis", summary: "An analysis's status, progress and (when done) result", tags: ["analyses"], parameters: [ANALYSIS_ID], responses: { "200": ok("{id, kind, status, done, planned, elapsedMs, result, file, error}"), "404": error("No such analysis (analysisNotFound).") } },
        delete: { operationId: "cancelAnalysis", summary: "Cancel an analysis (it stops at its next evaluation)", tags: ["analyses"], parameters: [ANALYSIS_ID], responses: { "200": ok("{id, kind, status, …}"), "404": error("No such analysis (analysisNotFound).") } },
      },
      "/api/analyses/{id}/file": {
        get: { operationId: "analysisFile", summary: "The finished report as a zip", tags: ["analyses", "downloads"], parameters: [ANALYSIS_ID], responses: { "200": download("application/zip", "The report folder, zipped"), "404": error("No such analysis (analysisNotFound), or none to download yet (noFile).") } },
      },
    },
    components: {
      schemas: {
        ScenarioRequest: asJson(scenarioRequest),
        XlsxRequest: asJson(xlsxRequest),
        SimulateRequest: asJson(simulateRequest),
        JobRequest: asJson(jobRequest),
        CompareRequest: asJson(compareRequest),
        SensitivityRequest: asJson(sensitivityRequest),
        OptimiseRequest: asJson(optimiseRequest),
        ReportRequest: asJson(reportRequest),
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message", "issues"],
              properties: {
                code: { enum: [...API_ERROR_CODES] },
                message: { type: "string" },
                issues: {
                  type: "array",
                  items: {
                    type: "object",
                    required: ["path", "message"],
                    properties: { path: { type: "string" }, file: { type: "string" }, line: { type: "integer" }, column: { type: "integer" }, code: { type: "string" }, message: { type: "string" }, hint: { type: "string" } },
                  },
                },
              },
            },
          },
        },
      },
    },
  };
}
