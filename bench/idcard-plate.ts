/**
 * ID-card and plate benchmark: our recognisers against a baseline of plain OCR text plus
 * regular expressions, on the shared real-photo corpus and on rendered data, in one run.
 *
 *   npx tsx bench/idcard-plate.ts [plate|idcard]   (standalone; one half only when named)
 *   import { benchIdcardPlate } from "./idcard-plate"  (from bench/ocr.ts)
 *
 * Metrics
 * - plate exact: share of ground-truth plates whose licence appears exactly among the reported plates
 * - plate type: share of ground-truth plates read exactly AND with the right type (strict)
 * - false plates: reported licences not in the ground truth (unverified plates ignored)
 * - ID fields: share of ground-truth fields equal after the API's documented formats
 *   (birthday YYYY年M月D日, validity YYYY.MM.DD-YYYY.MM.DD); side: share of right `note`
 * - ms/image: wall time per image of the recogniser, models already loaded
 * Baseline: the engine's general OCR (plain PP-OCR lines) joined, separators removed, then
 * PLATE_RE for plates (type guessed from the text: 8 chars 绿, 警 白, 港/澳 黑, else 蓝) and
 * label regexes for ID fields (side: 签发机关/有效期限 present → front).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { recognizePlates, PLATE_RE } from "../lib/plate";
import { recognizeIdcard, formatBirthday, formatValidPeriod } from "../lib/idcard";
import { openPage } from "../lib/engine/context";
import { renderedCards, renderedPlates } from "../lib/render";
import type { IdcardDetail } from "../lib/engine/types";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const corpusDir = path.resolve(repoRoot, "../shared/corpus");

export interface Score { exact: number; total: number }
export interface SetReport {
  set: string;
  images: number;
  ours: Record<string, number>;
  baseline: Record<string, number>;
}

type PlateType = "蓝牌" | "黄牌" | "绿牌" | "白牌" | "黑牌";
interface PlateCase { image: Buffer; plates: { plate_license: string; plate_type: string }[]; ignore: string[] }
interface CardCase { image: Buffer; side: "front" | "back"; expected: Record<string, string> }

/** Plain OCR text of an image: the engine's general OCR (no grammar, no colour). */
async function plainText(image: Buffer): Promise<string[]> {
  const page = await openPage(image, { checkDimensions: false });
  return (await page.lines()).map((l) => l.text);
}

function baselinePlates(lines: string[]): { plate_license: string; plate_type: PlateType }[] {
  const text = lines.map((l) => l.replace(/[\s·•.。:：\-]/g, "")).join("\n");
  const re = new RegExp(PLATE_RE.source, "g");
  const out: { plate_license: string; plate_type: PlateType }[] = [];
  for (const m of text.matchAll(re)) {
    const s = m[0];
    const t: PlateType = s.length === 8 ? "绿牌" : /警$/.test(s) ? "白牌" : /[港澳领使]$/.test(s) ? "黑牌" : /[学挂]$/.test(s) ? "黄牌" : "蓝牌";
    out.push({ plate_license: s, plate_type: t });
  }
  return out;
}

function baselineCard(lines: string[]): { note: "front" | "back"; detail: IdcardDetail } {
  const t = lines.join("\n").replace(/[ \t]/g, "");
  const g = (re: RegExp) => re.exec(t)?.[1] ?? "";
  const idn = g(/(\d{17}[\dXx])/).toUpperCase();
  return {
    note: /签发机关|有效期限/.test(t) && !idn ? "front" : "back",
    detail: {
      name: g(/姓名([^\n]+)/),
      sex: g(/性别([男女])/),
      nation: g(/民族([^\n]+)/),
      birthday: formatBirthday(g(/出生([^\n]+)/)),
      idn,
      addr: g(/住址([^\n]+)/),
      org: g(/签发机关([^\n]+)/),
      validperiod: g(/有效期限([^\n]+)/),
    },
  };
}

function scorePlates(cases: PlateCase[], preds: { plate_license: string; plate_type: string }[][]) {
  let total = 0, exact = 0, typed = 0, falsePlates = 0;
  cases.forEach((c, i) => {
    for (const p of c.plates) {
      total++;
      const hit = preds[i].find((d) => d.plate_license === p.plate_license);
      if (hit) { exact++; if (hit.plate_type === p.plate_type) typed++; }
    }
    falsePlates += preds[i].filter((d) => !c.plates.some((p) => p.plate_license === d.plate_license) && !c.ignore.includes(d.plate_license)).length;
  });
  return { "plate exact %": (100 * exact) / Math.max(total, 1), "plate type %": (100 * typed) / Math.max(total, 1), "false plates": falsePlates, plates: total };
}

const norm = (k: string, v: string) => (k === "birthday" ? formatBirthday(v) : k === "validperiod" ? formatValidPeriod(v) : v);

function scoreCards(cases: CardCase[], preds: ({ note: string; detail: IdcardDetail } | null)[]) {
  let fields = 0, right = 0, sides = 0;
  cases.forEach((c, i) => {
    const p = preds[i];
    if (p?.note === c.side) sides++;
    for (const [k, v] of Object.entries(c.expected)) {
      fields++;
      if (p && norm(k, p.detail[k as keyof IdcardDetail]) === norm(k, v)) right++;
    }
  });
  return { "ID field exact %": (100 * right) / Math.max(fields, 1), "side %": (100 * sides) / Math.max(cases.length, 1), fields };
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

async function runPlates(set: string, cases: PlateCase[]): Promise<SetReport> {
  const ours: { plate_license: string; plate_type: string }[][] = [], base: typeof ours = [];
  let msOurs = 0, msBase = 0;
  for (const c of cases) {
    const [r, t] = await timed(() => recognizePlates(c.image));
    ours.push(r.detail); msOurs += t;
    const [b, tb] = await timed(async () => baselinePlates(await plainText(c.image)));
    base.push(b); msBase += tb;
  }
  return { set, images: cases.length, ours: { ...scorePlates(cases, ours), "ms/image": msOurs / cases.length }, baseline: { ...scorePlates(cases, base), "ms/image": msBase / cases.length } };
}

async function runCards(set: string, cases: CardCase[]): Promise<SetReport> {
  const ours: ({ note: string; detail: IdcardDetail } | null)[] = [], base: typeof ours = [];
  let msOurs = 0, msBase = 0;
  for (const c of cases) {
    const [r, t] = await timed(() => recognizeIdcard(c.image).catch(() => null));
    ours.push(r); msOurs += t;
    const [b, tb] = await timed(async () => baselineCard(await plainText(c.image)));
    base.push(b); msBase += tb;
  }
  return { set, images: cases.length, ours: { ...scoreCards(cases, ours), "ms/image": msOurs / cases.length }, baseline: { ...scoreCards(cases, base), "ms/image": msBase / cases.length } };
}

function loadPlateCorpus(): PlateCase[] {
  const dir = path.join(corpusDir, "plate");
  if (!fs.existsSync(path.join(dir, "manifest.json"))) return [];
  const m: { file: string; plates: PlateCase["plates"]; unverified_plates?: PlateCase["plates"] }[] = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"));
  return m.map((e) => ({ image: fs.readFileSync(path.join(dir, e.file)), plates: e.plates, ignore: (e.unverified_plates ?? []).map((p) => p.plate_license) }));
}

function loadCardCorpus(): CardCase[] {
  const dir = path.join(corpusDir, "idcard");
  if (!fs.existsSync(path.join(dir, "manifest.json"))) return [];
  const m: { file: string; note: "front" | "back"; detail: Record<string, string> }[] = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"));
  return m.map((e) => ({ image: fs.readFileSync(path.join(dir, e.file)), side: e.note, expected: e.detail }));
}

export interface BenchOptions { renderedPlates?: number; renderedCards?: number; only?: "plate" | "idcard"; log?: (s: string) => void }

/** Runs all four sets and returns one report per set (also printed as a table when `log` is given). */
export async function benchIdcardPlate(o: BenchOptions = {}): Promise<SetReport[]> {
  const reports: SetReport[] = [];
  if (o.only !== "idcard") {
    const realPlates = loadPlateCorpus();
    if (realPlates.length) reports.push(await runPlates("plate, real photos", realPlates));
    const rp = await renderedPlates(o.renderedPlates ?? 40);
    reports.push(await runPlates("plate, rendered", rp.map((r) => ({ image: r.image, plates: r.plates, ignore: [] }))));
  }
  if (o.only !== "plate") {
    const realCards = loadCardCorpus();
    if (realCards.length) reports.push(await runCards("idcard, real specimens", realCards));
    const rc = await renderedCards(o.renderedCards ?? 18);
    reports.push(await runCards("idcard, rendered", rc.map((c) => ({ image: c.image, side: c.side, expected: c.expected }))));
  }
  if (o.log) for (const r of reports) o.log(formatReport(r));
  return reports;
}

export function formatReport(r: SetReport): string {
  const keys = Object.keys(r.ours);
  const w = Math.max(...keys.map((k) => k.length));
  const f = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
  return [`${r.set} (${r.images} images)`, `  ${"metric".padEnd(w)}  ${"ours".padStart(8)}  ${"baseline (plain OCR + regex)".padStart(28)}`, ...keys.map((k) => `  ${k.padEnd(w)}  ${f(r.ours[k]).padStart(8)}  ${f(r.baseline[k]).padStart(28)}`)].join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const only = process.argv[2] === "plate" || process.argv[2] === "idcard" ? process.argv[2] : undefined;
  benchIdcardPlate({ only, log: (s) => console.log(s) }).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
