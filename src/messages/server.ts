/**
 * Messages of the workbench server (`fundsim serve`): the errors its HTTP API returns as
 * JSON, in the request's language, and the lines `fundsim serve` prints.
 */
import { clip, loc, type Localized } from "./lang.js";

/** Error codes of the HTTP API (`{error: {code, message, issues}}`). */
export const API_ERROR_CODES = [
  "badJson",
  "badRequest",
  "tooLarge",
  "tooManyRuns",
  "unknownScenario",
  "invalidScenario",
  "invalidVariant",
  "population",
  "notFound",
  "forbiddenHost",
  "jobNotFound",
  "analysisNotFound",
  "badAnalysis",
  "noFile",
  "timeout",
  "internal",
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const apiError = {
  badJson: (detail: string): Localized =>
    loc(`The request body is not valid JSON (${clip(detail)}).`, `请求体不是有效的 JSON（${clip(detail)}）。`),
  badRequest: (): Localized => loc("The request is not as the API expects; see the issues listed.", "请求不符合接口要求，请查看所列问题。"),
  tooLarge: (limit: string): Localized =>
    loc(`The request body is larger than ${limit}. A scenario file is at most 512 KB and an allocation workbook at most 5 MB; put household data in a register.`, `请求体超过 ${limit}。情景文件最大 512 KB，资金分配工作簿最大 5 MB；住户数据请放在登记册中。`),
  tooManyRuns: (asked: number, max: number): Localized =>
    loc(`${asked} runs asked for; the workbench runs at most ${max} per request. Use fundsim simulate for more.`, `请求 ${asked} 次运行；工作台每次请求最多 ${max} 次。更多运行请使用 fundsim simulate。`),
  unknownScenario: (id: string, known: string): Localized =>
    loc(`No shipped scenario "${clip(id)}". Known: ${known}.`, `没有名为“${clip(id)}”的内置情景。可用：${known}。`),
  invalidScenario: (n: number): Localized =>
    loc(`The scenario has ${n} problem${n === 1 ? "" : "s"}; see the issues listed.`, `情景有 ${n} 个问题，请查看所列问题。`),
  invalidVariant: (n: number): Localized =>
    loc(`The variant file has ${n} problem${n === 1 ? "" : "s"}; see the issues listed.`, `方案文件有 ${n} 个问题，请查看所列问题。`),
  population: (): Localized => loc("The population cannot be built from this scenario; see the issues listed.", "无法根据此情景构建人口，请查看所列问题。"),
  notFound: (path: string): Localized => loc(`No such address: ${clip(path)}. The API is described at /api/openapi.json.`, `没有此地址：${clip(path)}。接口说明见 /api/openapi.json。`),
  forbiddenHost: (host: string): Localized =>
    loc(
      `This server answers only to its own address (127.0.0.1 or localhost), not to "${clip(host)}". Open the address fundsim serve printed.`,
      `此服务器只响应本机地址（127.0.0.1 或 localhost），不响应“${clip(host)}”。请打开 fundsim serve 显示的地址。`,
    ),
  jobNotFound: (id: string): Localized =>
    loc(`No simulation job "${clip(id)}" (finished jobs are kept for a minute).`, `没有模拟任务“${clip(id)}”（已完成的任务保留一分钟）。`),
  analysisNotFound: (id: string): Localized =>
    loc(`No analysis "${clip(id)}" (finished analyses are kept for ten minutes).`, `没有分析任务“${clip(id)}”（已完成的分析保留十分钟）。`),
  badAnalysis: (n: number): Localized =>
    loc(`The analysis cannot run as asked: ${n} problem${n === 1 ? "" : "s"}; see the issues listed.`, `无法按要求进行分析：有 ${n} 个问题，请查看所列问题。`),
  noFile: (id: string): Localized =>
    loc(`Analysis "${clip(id)}" has no file to download (only a finished report has one).`, `分析任务“${clip(id)}”没有可下载的文件（只有已完成的报告才有）。`),
  timeout: (seconds: number): Localized =>
    loc(`The request took longer than ${seconds} s and was stopped. Ask for fewer runs.`, `请求用时超过 ${seconds} 秒，已停止。请减少运行次数。`),
  internal: (): Localized =>
    loc("Internal error: this is a bug in fundsim, not in your input. The server log has the details.", "内部错误：这是 fundsim 的缺陷，不是输入的问题。详情见服务器日志。"),
};

/** A request field that is not as the API expects: what was expected (zod's issue kinds). */
export function requestIssue(kind: string, expected: string | undefined, received: string | undefined): Localized {
  switch (kind) {
    case "invalid_type":
      return loc(`Expected ${expected ?? "another type"}${received ? `, found ${received}` : ""}.`, `应为 ${expected ?? "其他类型"}${received ? `，实际为 ${received}` : ""}。`);
    case "too_small":
      return loc(`Too small${expected ? `: at least ${expected}` : ""}.`, `太小${expected ? `：至少 ${expected}` : ""}。`);
    case "too_big":
      return loc(`Too large${expected ? `: at most ${expected}` : ""}.`, `太大${expected ? `：最多 ${expected}` : ""}。`);
    case "unrecognized_keys":
      return loc(`Unknown field${received ? ` ${received}` : ""}.`, `未知字段${received ? ` ${received}` : ""}。`);
    case "invalid_value":
      return loc(`Expected one of ${expected ?? "the listed values"}.`, `应为以下之一：${expected ?? "所列值"}。`);
    default:
      return loc("Not a valid value here.", "此处的值无效。");
  }
}

export const serveListening = (url: string): Localized =>
  loc(`fundsim workbench: ${url}\nOpen it in a browser; press Ctrl+C to stop.`, `fundsim 工作台：${url}\n请在浏览器中打开；按 Ctrl+C 停止。`);
export const serveNoBundle = (): Localized =>
  loc("The workbench page is not built (dist/web is missing): run npm run build. The API works without it.", "工作台页面尚未构建（缺少 dist/web）：请运行 npm run build。接口不受影响。");
export const servePortBusy = (port: number): Localized =>
  loc(`Port ${port} is in use; choose another with --port.`, `端口 ${port} 已被占用，请用 --port 另选端口。`);
export const serveWorkersBad = (found: string): Localized =>
  loc(`--workers must be a whole number from 0 to 64 (0: simulate on the server's own thread); found "${clip(found)}".`, `--workers 必须是 0 到 64 之间的整数（0：在服务器自身线程上模拟）；实际为“${clip(found)}”。`);
export const servePortBad = (): Localized => loc("--port must be a whole number from 0 to 65535 (0: any free port).", "--port 必须是 0 到 65535 之间的整数（0：任一空闲端口）。");
export const servePortDenied = (port: number): Localized =>
  loc(`Port ${port} may not be opened by this user; choose one above 1024 with --port.`, `当前用户无权打开端口 ${port}，请用 --port 选择 1024 以上的端口。`);
export const serveNotLocal = (host: string): Localized =>
  loc(
    `Listening on ${host}: anyone who can reach this machine can use the workbench (there is no login).`,
    `正在监听 ${host}：任何能访问本机的人都可以使用工作台（没有登录）。`,
  );
