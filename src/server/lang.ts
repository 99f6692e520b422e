/** The language of a request: `lang` in the body or query, else Accept-Language (zh… → zh), else en. */
import { isLang, type Lang } from "../messages/lang.js";

export function acceptLang(header: string | undefined): Lang | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(params.find((p) => p.trim().startsWith("q="))?.trim().slice(2) ?? "1");
      return { tag: tag.trim().toLowerCase(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranked) {
    if (r.tag.startsWith("zh")) return "zh";
    if (r.tag.startsWith("en")) return "en";
  }
  return undefined;
}

export function requestLang(explicit: unknown, query: string | undefined, header: string | undefined): Lang {
  if (isLang(explicit)) return explicit;
  if (isLang(query)) return query;
  return acceptLang(header) ?? "en";
}
