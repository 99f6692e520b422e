/**
 * The household register's columns and the words accepted in them (English and the
 * Chinese terms used in 建档立卡 registers). Matching is case-insensitive and ignores
 * surrounding spaces.
 *
 * @example
 * SEGMENT_WORDS.get("低保") // → 1 (index of "dibao" in SEGMENTS)
 */
import { CAUSES, FLAG, FLAG_NAMES, SEGMENTS } from "../model/households.js";

/** Register columns, in documented order. `cause`, `flags`, `cohort` and `registered` may be left out of the file. */
export const REGISTER_COLUMNS = ["id", "village", "size", "income", "labour", "segment", "cause", "flags", "cohort", "registered"] as const;
export type RegisterColumn = (typeof REGISTER_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly RegisterColumn[] = ["id", "village", "size", "income", "labour", "segment"];

/** Header names accepted for each column (besides the column name itself). */
export const COLUMN_ALIASES: { readonly [C in RegisterColumn]: readonly string[] } = {
  id: ["household", "householdId", "户号", "户编号", "编号"],
  village: ["村", "村名", "行政村"],
  size: ["people", "persons", "人口", "人口数", "家庭人口"],
  income: ["perCapitaIncome", "人均收入", "人均纯收入"],
  labour: ["labor", "劳动力", "有劳动力"],
  segment: ["type", "类别", "户类型", "贫困户属性"],
  cause: ["主要致贫原因", "致贫原因"],
  flags: ["标识", "标记"],
  cohort: ["队列", "批次"],
  registered: ["是否建档立卡", "建档立卡", "建档立卡户", "是否贫困户"],
};

const norm = (s: string): string => s.trim().toLowerCase();

/** Header word → column. */
export const HEADER_WORDS: ReadonlyMap<string, RegisterColumn> = new Map(
  REGISTER_COLUMNS.flatMap((c) => [c, ...COLUMN_ALIASES[c]].map((w) => [norm(w), c] as const)),
);

/** Keys as written and lower-cased, so the common exact spelling is found without lower-casing. */
function table(entries: readonly (readonly [string, number])[]): ReadonlyMap<string, number> {
  return new Map(entries.flatMap(([w, v]) => [[w, v] as const, [norm(w), v] as const]));
}

/** registered: 1 = registered poor (建档立卡) at the start, 0 = not (near-poor, 边缘户). */
export const REGISTERED_WORDS = table([
  ["1", 1], ["0", 0], ["yes", 1], ["no", 0], ["y", 1], ["n", 0], ["true", 1], ["false", 0],
  ["是", 1], ["否", 0], ["建档立卡", 1], ["建档立卡户", 1], ["贫困户", 1], ["边缘户", 0], ["边缘易致贫户", 0], ["非贫困户", 0],
]);

/** labour: 1 = has labour capacity. */
export const LABOUR_WORDS = table([
  ["1", 1], ["0", 0], ["yes", 1], ["no", 0], ["y", 1], ["n", 0], ["true", 1], ["false", 0],
  ["是", 1], ["否", 0], ["有", 1], ["无", 0],
]);

const segmentIndex = (s: (typeof SEGMENTS)[number]): number => SEGMENTS.indexOf(s);
export const SEGMENT_WORDS = table([
  ...SEGMENTS.map((s, i) => [s, i] as const),
  ["一般", segmentIndex("general")], ["一般户", segmentIndex("general")], ["一般贫困户", segmentIndex("general")],
  ["低保", segmentIndex("dibao")], ["低保户", segmentIndex("dibao")], ["低保贫困户", segmentIndex("dibao")],
  ["五保", segmentIndex("wubao")], ["五保户", segmentIndex("wubao")], ["特困", segmentIndex("wubao")], ["特困供养", segmentIndex("wubao")],
  ["城镇", segmentIndex("urban")], ["城镇户", segmentIndex("urban")], ["城市", segmentIndex("urban")],
]);

const causeIndex = (c: (typeof CAUSES)[number]): number => CAUSES.indexOf(c);
export const CAUSE_WORDS = table([
  ...CAUSES.map((c, i) => [c, i] as const),
  ["因病", causeIndex("illness")], ["因残", causeIndex("disability")], ["缺劳力", causeIndex("lackLabour")],
  ["缺劳动力", causeIndex("lackLabour")], ["缺技术", causeIndex("lackSkills")], ["缺资金", causeIndex("lackCapital")],
  ["缺土地", causeIndex("lackLand")], ["因学", causeIndex("education")], ["因灾", causeIndex("disaster")],
  ["交通条件落后", causeIndex("remote")], ["偏远", causeIndex("remote")], ["其他", causeIndex("other")],
  ["自身发展动力不足", causeIndex("other")], ["缺水", causeIndex("other")],
]);
/** Cause used when the column is absent or the cell is blank. */
export const DEFAULT_CAUSE = causeIndex("other");

export const FLAG_WORDS = table([
  ...FLAG_NAMES.map((f) => [f, FLAG[f]] as const),
  ["偏远", FLAG.remote], ["易地搬迁对象", FLAG.remote], ["危房", FLAG.unsafeHousing], ["学生", FLAG.student],
  ["在校生", FLAG.student], ["慢性病", FLAG.chronicIllness], ["已搬迁", FLAG.relocated],
  ["未参保", FLAG.uninsured], ["未参加医保", FLAG.uninsured], ["失学辍学", FLAG.outOfSchool], ["辍学", FLAG.outOfSchool],
  ["失学", FLAG.outOfSchool], ["饮水不安全", FLAG.unsafeWater],
]);
/** Separators between flags in one cell: `remote|unsafeHousing`, `remote;student`, `偏远、危房`. */
export const FLAG_SEPARATOR = /[|;、]/;

/** Look a word up (case-insensitive, trimmed). */
export function lookup(t: ReadonlyMap<string, number>, word: string): number | undefined {
  const v = t.get(word);
  return v !== undefined ? v : t.get(norm(word));
}

/** Words shown in messages as the allowed values of each vocabulary column. */
export const SHOWN_WORDS = {
  labour: ["1", "0", "yes", "no", "是", "否"],
  segment: [...SEGMENTS, "一般", "低保", "五保", "城镇"],
  cause: [...CAUSES, "因病", "因残", "缺劳力", "缺技术", "缺资金", "缺土地", "因学", "因灾", "其他"],
  flags: [...FLAG_NAMES, "偏远", "危房", "学生", "慢性病", "已搬迁", "未参保", "失学辍学", "饮水不安全"],
  registered: ["1", "0", "true", "false", "是", "否"],
} as const;
