/**
 * A self-contained HTML report page: every script (vega, vega-lite, vega-embed) and
 * every chart spec is inlined, so the file works offline — from a USB stick, with no
 * network. Charts are drawn by the browser as SVG; each chart container gets
 * `data-rendered="true"` when drawn (or `data-error` with the message), which the
 * browser test waits for.
 *
 * @example
 * const html = await renderReportHtml({ lang: "zh", title: "凌海市 2017", subtitle: "…", sections: [...] });
 */
import { readFile } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import type { Lang } from "../messages/lang.js";
import { FONT_STACK } from "../charts/theme.js";

/** A block of report content. Text is plain (escaped on output), never HTML. */
export type Block =
  | { readonly kind: "paragraph"; readonly text: string; readonly emphasis?: "good" | "warn" | "bad" }
  | { readonly kind: "figures"; readonly items: readonly { readonly label: string; readonly value: string; readonly note?: string; readonly tone?: "good" | "warn" | "bad" }[] }
  | { readonly kind: "table"; readonly caption?: string; readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[]; readonly numeric?: readonly boolean[]; readonly totalRow?: boolean }
  | { readonly kind: "chart"; readonly id: string; readonly spec: TopLevelSpec; readonly links?: readonly { readonly label: string; readonly href: string }[] }
  | { readonly kind: "checks"; readonly items: readonly { readonly severity: "info" | "warning" | "error"; readonly label: string; readonly text: string }[] }
  | { readonly kind: "definitions"; readonly items: readonly (readonly [string, string])[] };

export interface ReportSection {
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly Block[];
}

export interface ReportPage {
  readonly lang: Lang;
  readonly title: string;
  readonly subtitle: string;
  readonly sections: readonly ReportSection[];
  readonly footer?: string;
}

/** Folder of an installed package (its `exports` hide `build/`, so we read files directly). */
function packageDir(name: string): string {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve(name));
  for (;;) {
    const pj = join(dir, "package.json");
    if (existsSync(pj) && (JSON.parse(readFileSync(pj, "utf8")) as { name?: string }).name === name) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`package folder of ${name} not found`);
    dir = up;
  }
}

let bundles: Promise<string> | undefined;

/** The three browser bundles, concatenated as inline script elements. */
export function vegaScripts(): Promise<string> {
  bundles ??= (async () => {
    const files = [join(packageDir("vega"), "build/vega.min.js"), join(packageDir("vega-lite"), "build/vega-lite.min.js"), join(packageDir("vega-embed"), "build/vega-embed.min.js")];
    const texts = await Promise.all(files.map((f) => readFile(f, "utf8")));
    return texts.map((t) => `<script>${t.replace(/<\/script/gi, "<\\/script")}</script>`).join("\n");
  })();
  return bundles;
}

/** Escape text for HTML element content and attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

/** JSON that is safe inside a <script> element. */
const scriptJson = (x: unknown): string => JSON.stringify(x).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");

function block(b: Block): string {
  switch (b.kind) {
    case "paragraph":
      return `<p class="para${b.emphasis ? ` ${b.emphasis}` : ""}">${esc(b.text)}</p>`;
    case "figures":
      return `<div class="figures">${b.items
        .map((i) => `<div class="figure${i.tone ? ` ${i.tone}` : ""}"><div class="fig-label">${esc(i.label)}</div><div class="fig-value">${esc(i.value)}</div>${i.note ? `<div class="fig-note">${esc(i.note)}</div>` : ""}</div>`)
        .join("")}</div>`;
    case "table": {
      const num = (i: number): string => (b.numeric?.[i] ? ` class="num"` : "");
      const rows = b.rows.map((r, ri) => `<tr${b.totalRow && ri === b.rows.length - 1 ? ` class="total"` : ""}>${r.map((c, i) => `<td${num(i)}>${esc(c)}</td>`).join("")}</tr>`).join("");
      return `<div class="table-wrap"><table>${b.caption ? `<caption>${esc(b.caption)}</caption>` : ""}<thead><tr>${b.columns.map((c, i) => `<th${num(i)}>${esc(c)}</th>`).join("")}</tr></thead><tbody>${rows}</tbody></table></div>`;
    }
    case "chart":
      return `<figure class="chart"><div class="vis" id="${esc(b.id)}" data-chart="${esc(b.id)}"></div><script type="application/json" id="${esc(b.id)}-spec">${scriptJson(b.spec)}</script>${
        b.links && b.links.length > 0 ? `<figcaption>${b.links.map((l) => `<a href="${esc(l.href)}">${esc(l.label)}</a>`).join(" · ")}</figcaption>` : ""
      }</figure>`;
    case "checks":
      return `<ul class="checks">${b.items.map((i) => `<li class="${i.severity}"><span class="sev">${esc(i.label)}</span>${esc(i.text)}</li>`).join("")}</ul>`;
    case "definitions":
      return `<dl class="defs">${b.items.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join("")}</dl>`;
    default:
      return b satisfies never;
  }
}

const CSS = `
*{box-sizing:border-box}
body{font-family:${FONT_STACK};margin:0;color:#222;background:#f6f7f9;line-height:1.6}
header{background:#0b3d66;color:#fff;padding:28px 40px}
header h1{margin:0 0 6px;font-size:26px}
header p{margin:0;opacity:.9}
nav{padding:10px 40px;background:#fff;border-bottom:1px solid #ddd;font-size:14px}
nav a{margin-right:16px;color:#0b3d66;text-decoration:none}
main{max-width:1180px;margin:0 auto;padding:20px 40px 60px}
section{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:18px 24px;margin:18px 0}
h2{font-size:20px;margin:0 0 12px;color:#0b3d66}
.para{font-size:16px;margin:8px 0}
.para.good{border-left:4px solid #009E73;padding-left:10px}
.para.warn{border-left:4px solid #E69F00;padding-left:10px}
.para.bad{border-left:4px solid #D55E00;padding-left:10px}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:12px;margin:12px 0}
.figure{border:1px solid #e3e3e3;border-radius:6px;padding:10px 14px;background:#fafbfc}
.figure.good{border-top:4px solid #009E73}.figure.warn{border-top:4px solid #E69F00}.figure.bad{border-top:4px solid #D55E00}
.fig-label{font-size:13px;color:#555}.fig-value{font-size:22px;font-weight:bold}.fig-note{font-size:12px;color:#666}
.table-wrap{overflow-x:auto;margin:10px 0}
table{border-collapse:collapse;font-size:14px;min-width:50%}
caption{text-align:left;font-weight:bold;padding:4px 0}
th,td{border-bottom:1px solid #e6e6e6;padding:5px 10px;text-align:left;vertical-align:top;max-width:420px}
th{background:#f0f3f6}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.total td{font-weight:bold;border-top:2px solid #999}
.charts{display:flex;flex-wrap:wrap;gap:16px}
figure.chart{margin:10px 0;width:100%;max-width:880px}
.vis,.vis .vega-embed{display:block;width:100%}
.vis svg{max-width:100%;height:auto}
figcaption{font-size:13px;color:#555}
figcaption a{color:#0b3d66}
.checks{list-style:none;padding:0}
.checks li{padding:6px 10px;margin:4px 0;border-radius:4px;background:#f4f6f8}
.checks li.error{background:#fdecea}.checks li.warning{background:#fff6e0}
.sev{display:inline-block;min-width:70px;font-size:12px;text-transform:uppercase;color:#555;margin-right:8px}
.defs{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;font-size:14px}
.defs dt{color:#555}.defs dd{margin:0;word-break:break-word}
#manifest .defs dd{font-family:ui-monospace,monospace;word-break:break-all}
footer{color:#777;font-size:12px;text-align:center;padding:20px}
.chart-error{color:#D55E00;font-weight:bold}
@media print{nav{display:none}body{background:#fff}section{border:none;page-break-inside:avoid}}
`;

const EMBED = `
(function(){
  var nodes=document.querySelectorAll('[data-chart]');
  window.__charts={total:nodes.length,done:0,errors:[]};
  nodes.forEach(function(el){
    var spec=JSON.parse(document.getElementById(el.id+'-spec').textContent);
    vegaEmbed(el,spec,{actions:false,renderer:'svg'}).then(function(){
      // Enlarge small charts for reading (at most 1.5x, never past the column); shrink on narrow screens.
      var svg=el.querySelector('svg');
      if(svg){var w=parseFloat(svg.getAttribute('width')||'0');if(w>0){svg.style.width=Math.min(w*1.5,860)+'px';}}
      el.setAttribute('data-rendered','true');window.__charts.done++;
    }).catch(function(e){
      el.setAttribute('data-error',String(e&&e.message||e));window.__charts.errors.push(String(e));
      el.innerHTML='<p class="chart-error">'+String(e&&e.message||e).replace(/[<>&]/g,'')+'</p>';
      console.error(e);
    });
  });
})();
`;

/** Render the whole page. */
export async function renderReportHtml(page: ReportPage): Promise<string> {
  const nav = page.sections.map((s) => `<a href="#${esc(s.id)}">${esc(s.title)}</a>`).join("");
  const sections = page.sections
    .map((s) => {
      const charts = s.blocks.every((b) => b.kind === "chart");
      const inner = s.blocks.map(block).join("\n");
      return `<section id="${esc(s.id)}"><h2>${esc(s.title)}</h2>${charts ? `<div class="charts">${inner}</div>` : inner}</section>`;
    })
    .join("\n");
  return `<!DOCTYPE html>
<html lang="${page.lang === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<title>${esc(page.title)}</title>
<style>${CSS}</style>
${await vegaScripts()}
</head>
<body>
<header><h1>${esc(page.title)}</h1><p>${esc(page.subtitle)}</p></header>
<nav>${nav}</nav>
<main>
${sections}
</main>
${page.footer ? `<footer>${esc(page.footer)}</footer>` : ""}
<script>${EMBED}</script>
</body>
</html>
`;
}
