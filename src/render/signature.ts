/**
 * A mark in every chart file fundsim writes, so that a later `fundsim chart --out` may
 * replace a file it wrote itself but never a user's file of the same name.
 *
 * - SVG: a leading comment `<!-- generator: fundsim -->`;
 * - PNG: a `tEXt` chunk `Software` = `fundsim` right after the header chunk;
 * - PDF: the document information `Producer (fundsim)` (written by render/pdf.ts);
 * - JSON (Vega-Lite spec): `"usermeta": {"generator": "fundsim"}`.
 *
 * @example
 * const bytes = signChart(await renderAs(spec, "png"), "png");
 * isSignedChart(Buffer.from(bytes)); // true
 */
import type { ChartFormat } from "./formats.js";

const GENERATOR = "fundsim";
const SVG_MARK = `<!-- generator: ${GENERATOR} -->\n`;
const PNG_KEYWORD = "Software";

let crcTable: Uint32Array | undefined;
/** CRC-32 (ISO 3309, as PNG uses), table-driven. */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A PNG `tEXt` chunk. */
function textChunk(keyword: string, text: string): Uint8Array {
  const body = Buffer.from(`${keyword}\0${text}`, "latin1");
  const chunk = Buffer.alloc(12 + body.length);
  chunk.writeUInt32BE(body.length, 0);
  chunk.write("tEXt", 4, "latin1");
  body.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + body.length)), 8 + body.length);
  return chunk;
}

/** PNG signature (8 bytes) + IHDR chunk (25 bytes). */
const PNG_HEADER_BYTES = 33;

/** The chart file with fundsim's mark added. */
export function signChart(data: string | Uint8Array, format: ChartFormat): string | Uint8Array {
  switch (format) {
    case "svg":
      return typeof data === "string" && !data.startsWith(SVG_MARK) ? SVG_MARK + data : data;
    case "png": {
      const bytes = typeof data === "string" ? Buffer.from(data) : Buffer.from(data);
      return Buffer.concat([bytes.subarray(0, PNG_HEADER_BYTES), textChunk(PNG_KEYWORD, GENERATOR), bytes.subarray(PNG_HEADER_BYTES)]);
    }
    case "json": {
      if (typeof data !== "string") return data;
      const spec = JSON.parse(data) as Record<string, unknown>;
      const usermeta = typeof spec["usermeta"] === "object" && spec["usermeta"] !== null ? spec["usermeta"] : {};
      return `${JSON.stringify({ ...spec, usermeta: { ...usermeta, generator: GENERATOR } }, null, 2)}\n`;
    }
    case "pdf":
      return data;
    default:
      return format satisfies never;
  }
}

/** Whether a file's bytes show fundsim's mark (any chart format). */
export function isSignedChart(bytes: Buffer): boolean {
  const text = bytes.toString("latin1");
  if (text.startsWith(SVG_MARK)) return true;
  if (text.startsWith("\x89PNG") && text.slice(PNG_HEADER_BYTES, PNG_HEADER_BYTES + 64).includes(`tEXt${PNG_KEYWORD}\0${GENERATOR}`)) return true;
  if (text.startsWith("%PDF") && text.includes(`/Producer (${GENERATOR})`)) return true;
  if (text.trimStart().startsWith("{")) {
    try {
      const spec = JSON.parse(bytes.toString("utf8")) as { usermeta?: { generator?: unknown } };
      return spec.usermeta?.generator === GENERATOR;
    } catch {
      return false;
    }
  }
  return false;
}
