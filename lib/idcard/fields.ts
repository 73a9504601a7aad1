/**
 * ID card fields from OCR lines, found by their printed labels and the layout around them
 * (the value is the rest of the label's line and what lies to its right on the same row;
 * the address continues on the lines below). No fixed pixel positions.
 */
import type { IdcardDetail } from "../engine/types";
import { idnFacts, resolveIdn, type CharChoices } from "./checksum";

export interface CardLine {
  text: string;
  /** axis-aligned box in the card's upright frame */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  score: number;
  chars: CharChoices[];
}

type Label = "name" | "sex" | "nation" | "birth" | "addr" | "idn" | "org" | "valid";

/** Label spellings, including the usual misreadings of plain PP-OCR. */
const LABELS: { key: Label; re: RegExp }[] = [
  { key: "idn", re: /公民身份证?号码?|身份证?号码|公民身份/ },
  { key: "org", re: /签发机[关美]?|[签鉴]发机关/ },
  { key: "valid", re: /有效期限?|有效其限|有效期[隈]/ },
  { key: "name", re: /[姓娃]\s*[名各]/ },
  { key: "sex", re: /[性牲]\s*[别別剂]/ },
  { key: "nation", re: /民\s*[族旅挨簇蔟候]|[氏民]\s*族/ },
  { key: "birth", re: /出\s*[生牛]|[山屮]\s*生/ },
  { key: "addr", re: /[住佳往仕注]\s*[址扯趾]/ },
];

export const BACK_LABELS: Label[] = ["name", "sex", "nation", "birth", "addr", "idn"];
export const FRONT_LABELS: Label[] = ["org", "valid"];
const FRONT_TITLE = /居民身份证|中华人民共和国/;

interface Hit { key: Label; line: CardLine; start: number; end: number }

function findLabels(lines: CardLine[]): Hit[] {
  const hits: Hit[] = [];
  for (const line of lines) {
    for (const { key, re } of LABELS) {
      const m = re.exec(line.text);
      if (!m) continue;
      // a label starts its line or follows a value on the same line (性别女民族汉)
      if (hits.some((h) => h.line === line && h.start <= m.index && m.index < h.end)) continue;
      if (key === "birth" && /出生地/.test(line.text)) continue;
      hits.push({ key, line, start: m.index, end: m.index + m[0].length });
    }
  }
  return hits;
}

/**
 * A 样证 stamp's characters are about twice the height of the card's text and are read as
 * 证, 样 or 山: a line more than STAMP_HEIGHT times the height of the text beside it is not
 * part of any field. Rendered tuning half: card-0052 (样证 q67) took its 证 (1.9× the address
 * line's height) into the address; the card's own lines are within 1.3× of each other.
 */
const STAMP_HEIGHT = 1.6;
const isStamp = (l: CardLine, ref: CardLine) => l.y1 - l.y0 > (ref.y1 - ref.y0) * STAMP_HEIGHT;
/**
 * A box under SPECK_HEIGHT of the text's height is a speck of the pattern or the stamp read as a
 * character (天 医 深 车 before the nation: rendered tuning half, cards 0188, 0200, 0232, 0312,
 * boxes 0.3–0.45 of the row's height); the card's smallest text is its own height.
 */
const SPECK_HEIGHT = 0.6;
const isSpeck = (l: CardLine, ref: CardLine) => l.y1 - l.y0 < (ref.y1 - ref.y0) * SPECK_HEIGHT;

/** The 56 nations as the card prints them (without 族). */
export const NATIONS = (
  "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 " +
  "土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split(" ");

/**
 * A nation read with one character too many, too few or wrong (医鄂温克, 达韩尔) becomes the
 * one nation it is that close to, when there is exactly one; anything else (a foreign
 * specimen's 瓦尔肯, 佬 of 仡佬 or 仫佬) is returned as read.
 */
export function snapNation(v: string): string {
  if (!v || NATIONS.includes(v)) return v;
  const near = (n: string) => {
    if (v.length === n.length + 1) return v.includes(n);
    if (n.length === v.length + 1) return n.includes(v);
    if (n.length !== v.length || n.length < 2) return false;
    let d = 0;
    for (let i = 0; i < n.length; i++) if (n[i] !== v[i]) d++;
    return d === 1;
  };
  const hits = NATIONS.filter(near);
  return hits.length === 1 ? hits[0] : v;
}

/**
 * A second, shorter box over the seam of two lines of a row (a stray 2 across 有效期限 and
 * 2010.01.01-…, score 0.51, in the real i_airob0t_bw.png) repeats their characters: a line
 * whose width lies more than FRAGMENT_OVERLAP inside longer lines of its row is left out.
 */
const FRAGMENT_OVERLAP = 0.3;
function isFragment(l: CardLine, row: CardLine[]): boolean {
  const w = l.x1 - l.x0;
  const inside = row.filter((o) => o !== l && o.x1 - o.x0 > w).reduce((s, o) => s + Math.max(0, Math.min(l.x1, o.x1) - Math.max(l.x0, o.x0)), 0);
  return inside > w * FRAGMENT_OVERLAP;
}

const sameRow = (a: CardLine, b: CardLine) => {
  const h = Math.min(a.y1 - a.y0, b.y1 - b.y0);
  const ca = (a.y0 + a.y1) / 2, cb = (b.y0 + b.y1) / 2;
  return Math.abs(ca - cb) < h * 0.6;
};

/** Text after a label: the rest of its line (up to the next label) and lines to its right on the same row. */
function valueAfter(hit: Hit, hits: Hit[], lines: CardLine[]): { text: string; lines: CardLine[]; chars: CharChoices[] } {
  const next = hits.filter((h) => h.line === hit.line && h.start > hit.start).sort((a, b) => a.start - b.start)[0];
  const endIdx = next ? next.start : hit.line.text.length;
  let text = hit.line.text.slice(hit.end, endIdx);
  let chars = hit.line.chars.slice(hit.end, endIdx);
  const used: CardLine[] = [hit.line];
  if (!next) {
    const right = lines
      .filter((l) => l !== hit.line && sameRow(l, hit.line) && l.x0 > hit.line.x0 && !isStamp(l, hit.line) && !isSpeck(l, hit.line) && !hits.some((h) => h.line === l && h.start === 0))
      .sort((a, b) => a.x0 - b.x0);
    const row = [hit.line, ...right];
    for (const r of right) {
      if (isFragment(r, row)) continue;
      // stop at a line that begins with another label
      const lab = hits.find((h) => h.line === r);
      const stop = lab ? lab.start : r.text.length;
      text += r.text.slice(0, stop);
      chars = chars.concat(r.chars.slice(0, stop));
      used.push(r);
      if (lab) break;
    }
  }
  return { text: text.trim(), lines: used, chars };
}

const DIGITISH: Record<string, string> = { O: "0", o: "0", D: "0", Q: "0", I: "1", l: "1", i: "1", "|": "1", Z: "2", z: "2", S: "5", s: "5", B: "8", b: "6", G: "6", x: "X", "×": "X" };

/** The 18-character number from per-character alternatives (digits, X last), or null. */
export function extractIdn(chars: CharChoices[]): { idn: string; valid: boolean; corrected: boolean } | null {
  const norm: CharChoices[] = [];
  for (const c of chars) {
    const alts = c
      .map((a) => ({ char: /[0-9X]/.test(a.char) ? a.char : DIGITISH[a.char] ?? "", p: a.p }))
      .filter((a) => a.char);
    if (!alts.length) continue;
    // merge duplicate mapped readings
    const m = new Map<string, number>();
    for (const a of alts) m.set(a.char, (m.get(a.char) ?? 0) + a.p);
    norm.push([...m.entries()].map(([char, p]) => ({ char, p })).sort((a, b) => b.p - a.p));
  }
  if (norm.length < 18) return null;
  // the number is the run of 18 ending at the last character (stray marks go before it)
  const run = norm.slice(norm.length - 18);
  return resolveIdn(run);
}

/** "1987年9月17日" from whatever the birth line reads like (spaces, lost 年/月). */
export function formatBirthday(v: string): string {
  const m = /(\d{4})\D{0,3}?(\d{1,2})\D{1,3}?(\d{1,2})/.exec(v.replace(/\s+/g, ""));
  if (!m) {
    const d = /(\d{4})(\d{2})(\d{2})/.exec(v.replace(/\D/g, ""));
    return d ? `${d[1]}年${Number(d[2])}月${Number(d[3])}日` : "";
  }
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** "2007.07.27-2027.07.27" or "2007.07.27-长期", tolerating a lost dash or dots. */
export function formatValidPeriod(v: string): string {
  const s = v.replace(/\s+/g, "");
  const longTerm = /长期|长|期/.test(s.replace(/^\D+/, "").slice(8));
  const digits = s.replace(/长期/g, "").replace(/\D/g, "");
  const ymd = (d: string) => `${d.slice(0, 4)}.${d.slice(4, 6)}.${d.slice(6, 8)}`;
  if (digits.length >= 16) return `${ymd(digits.slice(0, 8))}-${ymd(digits.slice(8, 16))}`;
  if (digits.length >= 8 && longTerm) return `${ymd(digits.slice(0, 8))}-长期`;
  return s;
}

const clean = (s: string) => s.replace(/[\s:：·.,，、_\-—'"“”]+/g, "");

/** Chinese characters, and the middle dot of transliterated names however it was read (. • ・). */
const nameText = (s: string) =>
  s.replace(/(?<=[\u4e00-\u9fff])\s*[.。•・･·:：,，\-—_]\s*(?=[\u4e00-\u9fff])/g, "·").replace(/[^\u4e00-\u9fff·]/g, "").replace(/^·+|·+$/g, "");

/** The left edge of the label column: where the lines that begin with a label start. */
function labelColumn(hits: Hit[]): number | null {
  const xs = hits.filter((h) => h.start === 0 && BACK_LABELS.includes(h.key)).map((h) => h.line.x0);
  return xs.length ? Math.min(...xs) : null;
}

/**
 * The name when its label was not read (名刘洋: the 姓 lost): the card's first row,
 * the row just above 性别/民族 (two rows above 出生). A row that starts at the label
 * column begins with what is left of the label, which is dropped.
 */
function nameByLayout(lines: CardLine[], hits: Hit[], sexRow?: CardLine, dateLine?: CardLine): string {
  const rowLine = hits.find((h) => h.key === "sex")?.line ?? hits.find((h) => h.key === "nation")?.line ?? sexRow;
  const anchor = rowLine ?? hits.find((h) => h.key === "birth")?.line ?? dateLine;
  if (!anchor) return "";
  const labelX = labelColumn(hits) ?? anchor.x0;
  const lh = anchor.y1 - anchor.y0;
  let below = anchor;
  let row: CardLine[] = [];
  for (let step = rowLine ? 1 : 2; step > 0; step--) {
    const above = lines
      .filter((l) => l.y1 <= below.y0 + lh * 0.3 && l.y1 > below.y0 - lh * 3 && l.x1 > labelX - lh && !sameRow(l, below))
      .sort((a, b) => b.y1 - a.y1)[0];
    if (!above || hits.some((h) => h.line === above)) return "";
    row = lines.filter((l) => sameRow(l, above) && l.x1 > labelX - lh).sort((a, b) => a.x0 - b.x0);
    below = above;
  }
  let text = row.map((l) => l.text).join("");
  if (row[0].x0 < labelX + lh) text = text.replace(/^\s*[姓娃]?\s*[名各]?/, "");
  return nameText(text);
}

/**
 * The address when its label was not read: the row below the date of birth (and above the
 * number), taken as if labelled. A row that starts at the label column begins with the label's
 * remains, which are dropped.
 */
function addrByLayout(lines: CardLine[], hits: Hit[], dateLine: CardLine | undefined, idnLine: CardLine | null): Hit | undefined {
  if (!dateLine) return undefined;
  const lh = dateLine.y1 - dateLine.y0;
  const labelX = labelColumn(hits) ?? dateLine.x0;
  const first = lines
    .filter((l) => l.y0 > dateLine.y0 + lh * 0.5 && l.y0 < dateLine.y1 + lh * 2.5 && (!idnLine || l.y1 < idnLine.y0 + lh * 0.3) && l.x1 > labelX + lh && !sameRow(l, dateLine))
    .sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0)[0];
  if (!first || hits.some((h) => h.line === first)) return undefined;
  const m = first.x0 < labelX + lh ? /^\s*[住佳往仕注]?\s*[址扯趾]?/.exec(first.text) : null;
  return { key: "addr", line: first, start: 0, end: m ? m[0].length : 0 };
}

export interface ParsedCard {
  detail: IdcardDetail;
  hasBack: boolean;
  hasFront: boolean;
  warnings: string[];
  /**
   * Labels read with nothing after them (the detector missed a lone 水 or 女 beside 民族 or
   * 性别): the card's layout puts the value right of the label, up to `xEnd` (the next text
   * on the row); recognize.ts reads that place and parses again.
   */
  blanks: { key: "name" | "sex" | "nation"; line: CardLine; xEnd: number }[];
}

export function parseCard(lines: CardLine[]): ParsedCard {
  const hits = findLabels(lines);
  const detail: IdcardDetail = { name: "", sex: "", nation: "", birthday: "", idn: "", addr: "", org: "", validperiod: "" };
  const warnings: string[] = [];
  const get = (k: Label) => hits.find((h) => h.key === k);

  const name = get("name");
  // names are Chinese characters, with a middle dot in some minority names
  if (name) detail.name = nameText(valueAfter(name, hits, lines).text).replace(/^[名各]/, "");
  const sex = get("sex");
  if (sex) detail.sex = /女/.test(valueAfter(sex, hits, lines).text) ? "女" : /男/.test(valueAfter(sex, hits, lines).text) ? "男" : "";
  const nation = get("nation");
  if (nation) detail.nation = snapNation(valueAfter(nation, hits, lines).text.replace(/[^\u4e00-\u9fff]/g, "").replace(/族$/, ""));
  const birth = get("birth");
  if (birth) detail.birthday = formatBirthday(valueAfter(birth, hits, lines).text);
  // labels misread beyond recognition: the date's own shape, the sex row's 男/女 and what follows it
  const dateLine = birth?.line ?? lines.find((l) => /\d{4}\s*年\s*\d{1,2}\s*月/.test(l.text));
  if (!detail.birthday && dateLine) detail.birthday = formatBirthday(dateLine.text.slice(dateLine.text.search(/\d{4}/)));
  const sexRow = sex?.line ?? (dateLine ? lines.filter((l) => l.y1 <= dateLine.y0 + (dateLine.y1 - dateLine.y0) * 0.3 && /[男女]/.test(l.text)).sort((a, b) => b.y1 - a.y1)[0] : undefined);
  if (!detail.sex && sexRow) detail.sex = /女/.test(sexRow.text) ? "女" : /男/.test(sexRow.text) ? "男" : "";
  if (!name) detail.name = nameByLayout(lines, hits, sexRow, dateLine);
  if (!nation && sexRow) {
    // 性别男 民族汉 with the 民族 label lost: what follows the sex on its row, less a label's remains
    const row = lines.filter((l) => sameRow(l, sexRow)).sort((a, b) => a.x0 - b.x0).map((l) => l.text).join("");
    const after = row.slice(row.search(/[男女]/) + 1).replace(/^[^\u4e00-\u9fff]*(?:[民氏][^\u4e00-\u9fff]*)?(?:[族旅][^\u4e00-\u9fff]*)?/, "");
    detail.nation = snapNation(after.replace(/[^\u4e00-\u9fff]/g, "").replace(/族$/, ""));
  }

  // the number: the label's value, else any line that is mostly digits
  let idnChars: CharChoices[] | null = null;
  const idnHit = get("idn");
  if (idnHit) {
    const v = valueAfter(idnHit, hits, lines);
    if (v.chars.filter((c) => /[0-9X]/.test(c[0].char)).length >= 15) idnChars = v.chars;
  }
  let idnLine: CardLine | null = idnHit?.line ?? null;
  if (!idnChars) {
    const cand = lines.filter((l) => /[0-9X]{15,}/.test(l.text.replace(/\s/g, ""))).sort((a, b) => b.y0 - a.y0)[0];
    if (cand) { idnChars = cand.chars; idnLine = cand; }
  }
  if (idnChars) {
    const r = extractIdn(idnChars);
    if (r) {
      detail.idn = r.idn;
      if (!r.valid) warnings.push("idn_checksum_failed");
      if (r.corrected) warnings.push("idn_corrected_by_checksum");
    }
  }

  const addr = get("addr") ?? addrByLayout(lines, hits, dateLine, idnLine);
  if (addr) {
    const first = valueAfter(addr, hits, lines);
    let text = first.text;
    const valueLines = first.lines;
    const lastUsed = valueLines[valueLines.length - 1];
    const left = first.text.length && valueLines.length === 1
      ? addr.line.x0 + ((addr.line.x1 - addr.line.x0) * addr.end) / Math.max(addr.line.text.length, 1)
      : Math.min(...valueLines.filter((l) => l !== addr.line).map((l) => l.x0), lastUsed.x0);
    const lh = addr.line.y1 - addr.line.y0;
    let bottom = Math.max(...valueLines.map((l) => l.y1));
    const stopY = idnLine && idnLine.y0 > addr.line.y0 ? idnLine.y0 : Infinity;
    const below = lines
      .filter((l) => l.y0 > addr.line.y0 + lh * 0.5 && l.y1 < stopY && !valueLines.includes(l))
      .sort((a, b) => a.y0 - b.y0);
    for (const l of below) {
      if (l.y0 - bottom > lh * 1.2) break;
      if (Math.abs(l.x0 - left) > lh * 1.6) continue;
      if (hits.some((h) => h.line === l)) break;
      // a short last line (502室) may be read with little confidence: it is kept; only a stamp's 样证 is not address
      if (/^[样证]+$/.test(l.text) || isStamp(l, addr.line) || isSpeck(l, addr.line) || (l.score < 0.3 && l.text.length <= 1)) continue;
      text += l.text;
      bottom = l.y1;
    }
    detail.addr = clean(text).replace(/样证/g, "");
  }
  const org = get("org");
  // a label's last character may be read apart from it (签发机 关…): it is never part of the value
  if (org) detail.org = clean(valueAfter(org, hits, lines).text).replace(/^[关美]/, "");
  const valid = get("valid");
  if (valid) detail.validperiod = formatValidPeriod(valueAfter(valid, hits, lines).text);

  const blanks: ParsedCard["blanks"] = [];
  for (const key of ["name", "sex", "nation"] as const) {
    const h = get(key);
    if (!h || detail[key] || h.end < h.line.text.trim().length) continue;
    const next = lines.filter((l) => l !== h.line && sameRow(l, h.line) && l.x0 > h.line.x1 - 1).sort((a, b) => a.x0 - b.x0)[0];
    blanks.push({ key, line: h.line, xEnd: next ? next.x0 : Infinity });
  }

  const backHits = new Set(hits.filter((h) => BACK_LABELS.includes(h.key)).map((h) => h.key)).size + (detail.idn ? 1 : 0);
  const frontHits = new Set(hits.filter((h) => FRONT_LABELS.includes(h.key)).map((h) => h.key)).size + (lines.some((l) => FRONT_TITLE.test(l.text)) ? 1 : 0);

  // the number must agree with what the card prints
  const facts = detail.idn ? idnFacts(detail.idn) : null;
  if (facts) {
    const b = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(detail.birthday);
    if (b && `${b[1]}${b[2].padStart(2, "0")}${b[3].padStart(2, "0")}` !== facts.birth) warnings.push("idn_birthday_mismatch");
    if (detail.sex && detail.sex !== facts.sex) warnings.push("idn_sex_mismatch");
  } else if (detail.idn || backHits >= 2) {
    if (backHits >= 2 && !detail.idn) warnings.push("idn_not_found");
    else if (detail.idn.length !== 18) warnings.push("idn_malformed");
  }
  // with its field names lost, a portrait side still shows its layout: a number, a date of birth and a sex
  const backLayout = !!(detail.idn && detail.birthday && detail.sex);
  return { detail, hasBack: backHits >= 2 || backLayout, hasFront: frontHits >= 2, warnings, blanks };
}
