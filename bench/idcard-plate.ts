/**
 * ID-card and plate benchmark: our recognisers against a baseline of raw general OCR text
 * plus regular expressions, on the same images, in one run, per set:
 *   - the rendered sets' evaluation half (lib/render/sets.ts; `npm run datasets` writes them
 *     to .data/datasets, rendered here first when missing), and
 *   - real photos: ../shared/corpus by default (any folder with the same manifests).
 *
 *   npm run bench:ocr -- idcard-plate [plate|idcard] [--split eval|tune] [--limit N]
 *                                     [--corpus DIR] [--datasets DIR] [--misses] [--no-baseline]
 *                                     [--only-rendered | --only-real]
 *   npx tsx bench/idcard-plate.ts [same arguments]
 *
 * --split tune measures the tuning half (the only half constants may be chosen on);
 * --limit N takes N evenly spaced images of each rendered set (a quick look while iterating);
 * --misses lists every image ours gets wrong; --no-baseline skips the baseline (iterating).
 *
 * Metrics
 * - plate exact: share of ground-truth plates whose licence appears exactly among the reported plates
 * - plate type: share of ground-truth plates read exactly AND with the right type (strict)
 * - false plates: reported licences not in the ground truth (unverified plates ignored)
 * - ID fields: share of ground-truth fields equal after the API's documented formats
 *   (birthday YYYY年M月D日, validity YYYY.MM.DD-YYYY.MM.DD); side: share of right `note`
 * - ms/image: wall time per image of the recogniser, models already loaded
 * Baseline: raw PP-OCRv4 as a Node user gets it (@gutenye/ocr-node with its defaults, the
 * reference of issue 14), its lines joined, separators removed, then PLATE_RE for plates
 * (type guessed from the text: 8 chars 绿, 警 白, 港/澳 黑, else 蓝) and label regexes for
 * ID fields (side: 签发机关/有效期限 present → front).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { recognizePlates, PLATE_RE } from "../lib/plate";
import { recognizeIdcard, formatBirthday, formatValidPeriod } from "../lib/idcard";
import type { IdcardDetail } from "../lib/engine/types";
import { DEFAULT_DATASETS_DIR, writeDatasets } from "../scripts/datasets";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** The shared real corpus beside the clone (../shared), or beside a worktree's parent (../../shared). */
const DEFAULT_CORPUS = ["../shared/corpus", "../../shared/corpus"].map((p) => path.resolve(repoRoot, p)).find((p) => fs.existsSync(p)) ?? path.resolve(repoRoot, "../shared/corpus");

export interface Score { exact: number; total: number }
export interface SetReport {
  set: string;
  images: number;
  ours: Record<string, number>;
  baseline: Record<string, number>;
}

type PlateType = "蓝牌" | "黄牌" | "绿牌" | "白牌" | "黑牌";
interface PlateCase { name: string; image: Buffer; plates: { plate_license: string; plate_type: string }[]; ignore: string[] }
interface CardCase { name: string; image: Buffer; side: "front" | "back"; expected: Record<string, string> }

let raw: { detect(image: Buffer): Promise<{ text: string }[]> } | null = null;
let skipBaseline = false;
/** Raw OCR text of an image: @gutenye/ocr-node with its defaults (no grammar, no colour, no layout). */
async function plainText(image: Buffer): Promise<string[]> {
  if (skipBaseline) return [];
  if (!raw) {
    const { default: Ocr } = await import("@gutenye/ocr-node");
    raw = await Ocr.create();
  }
  return (await raw!.detect(image)).map((l) => l.text);
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

function scorePlates(cases: PlateCase[], preds: { plate_license: string; plate_type: string }[][], misses?: string[]) {
  let total = 0, exact = 0, typed = 0, falsePlates = 0;
  cases.forEach((c, i) => {
    let wrong = false;
    for (const p of c.plates) {
      total++;
      const hit = preds[i].find((d) => d.plate_license === p.plate_license);
      if (hit) { exact++; if (hit.plate_type === p.plate_type) typed++; else wrong = true; } else wrong = true;
    }
    const extra = preds[i].filter((d) => !c.plates.some((p) => p.plate_license === d.plate_license) && !c.ignore.includes(d.plate_license));
    falsePlates += extra.length;
    if (misses && (wrong || extra.length))
      misses.push(`${c.name}: want ${c.plates.map((p) => `${p.plate_license}/${p.plate_type}`).join(",") || "none"} got ${preds[i].map((p) => `${p.plate_license}/${p.plate_type}`).join(",") || "none"}`);
  });
  return { "plate exact %": (100 * exact) / Math.max(total, 1), "plate type %": (100 * typed) / Math.max(total, 1), "false plates": falsePlates, plates: total };
}

const norm = (k: string, v: string) => (k === "birthday" ? formatBirthday(v) : k === "validperiod" ? formatValidPeriod(v) : v);

function scoreCards(cases: CardCase[], preds: ({ note: string; detail: IdcardDetail } | null)[], misses?: string[]) {
  let fields = 0, right = 0, sides = 0;
  cases.forEach((c, i) => {
    const p = preds[i];
    if (p?.note === c.side) sides++;
    else misses?.push(`${c.name}: side ${p?.note ?? "none"} ≠ ${c.side}`);
    for (const [k, v] of Object.entries(c.expected)) {
      fields++;
      if (p && norm(k, p.detail[k as keyof IdcardDetail]) === norm(k, v)) right++;
      else misses?.push(`${c.name}: ${k} ${JSON.stringify(p?.detail[k as keyof IdcardDetail] ?? null)} ≠ ${JSON.stringify(v)}`);
    }
  });
  return { "ID field exact %": (100 * right) / Math.max(fields, 1), "side %": (100 * sides) / Math.max(cases.length, 1), fields };
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

async function runPlates(set: string, cases: PlateCase[], misses?: string[]): Promise<SetReport> {
  const ours: { plate_license: string; plate_type: string }[][] = [], base: typeof ours = [];
  let msOurs = 0, msBase = 0;
  for (const c of cases) {
    const [r, t] = await timed(() => recognizePlates(c.image));
    ours.push(r.detail); msOurs += t;
    const [b, tb] = await timed(async () => baselinePlates(await plainText(c.image)));
    base.push(b); msBase += tb;
  }
  return { set, images: cases.length, ours: { ...scorePlates(cases, ours, misses), "ms/image": msOurs / cases.length }, baseline: { ...scorePlates(cases, base), "ms/image": msBase / cases.length } };
}

async function runCards(set: string, cases: CardCase[], misses?: string[]): Promise<SetReport> {
  const ours: ({ note: string; detail: IdcardDetail } | null)[] = [], base: typeof ours = [];
  let msOurs = 0, msBase = 0;
  for (const c of cases) {
    const [r, t] = await timed(() => recognizeIdcard(c.image).catch(() => null));
    ours.push(r); msOurs += t;
    const [b, tb] = await timed(async () => baselineCard(await plainText(c.image)));
    base.push(b); msBase += tb;
  }
  return { set, images: cases.length, ours: { ...scoreCards(cases, ours, misses), "ms/image": msOurs / cases.length }, baseline: { ...scoreCards(cases, base), "ms/image": msBase / cases.length } };
}

function loadPlateCorpus(corpusDir: string): PlateCase[] {
  const dir = path.join(corpusDir, "plate");
  if (!fs.existsSync(path.join(dir, "manifest.json"))) return [];
  const m: { file: string; plates: PlateCase["plates"]; unverified_plates?: PlateCase["plates"] }[] = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"));
  return m.map((e) => ({ name: e.file, image: fs.readFileSync(path.join(dir, e.file)), plates: e.plates, ignore: (e.unverified_plates ?? []).map((p) => p.plate_license) }));
}

function loadCardCorpus(corpusDir: string): CardCase[] {
  const dir = path.join(corpusDir, "idcard");
  if (!fs.existsSync(path.join(dir, "manifest.json"))) return [];
  const m: { file: string; note: "front" | "back"; detail: Record<string, string> }[] = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"));
  return m.map((e) => ({ name: e.file, image: fs.readFileSync(path.join(dir, e.file)), side: e.note, expected: e.detail }));
}

/** N evenly spaced items (all when N is absent or larger). */
function spaced<T>(xs: T[], n?: number): T[] {
  if (!n || n >= xs.length) return xs;
  return Array.from({ length: n }, (_, i) => xs[Math.floor((i * xs.length) / n)]);
}

interface SetEntry { file: string; split: "tune" | "eval"; variant: string }
function loadRendered<T extends SetEntry>(dir: string, split: "tune" | "eval", limit?: number): (T & { image: Buffer })[] {
  const m: T[] = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"));
  return spaced(m.filter((e) => e.split === split), limit).map((e) => ({ ...e, image: fs.readFileSync(path.join(dir, e.file)) }));
}

export interface BenchOptions {
  only?: "plate" | "idcard";
  split?: "tune" | "eval";
  limit?: number;
  corpus?: string;
  datasets?: string;
  misses?: boolean;
  noBaseline?: boolean;
  /** measure only the rendered sets, or only the real photos */
  sets?: "rendered" | "real";
  log?: (s: string) => void;
}

/** Runs every set and returns one report per set (also printed as a table when `log` is given). */
export async function benchIdcardPlate(o: BenchOptions = {}): Promise<SetReport[]> {
  const log = o.log ?? (() => {});
  skipBaseline = !!o.noBaseline;
  const split = o.split ?? "eval";
  const datasets = path.resolve(o.datasets ?? DEFAULT_DATASETS_DIR);
  if (!fs.existsSync(path.join(datasets, "plate", "manifest.json")) || !fs.existsSync(path.join(datasets, "idcard", "manifest.json"))) {
    log(`rendering the sets into ${datasets} (npm run datasets) …`);
    await writeDatasets(datasets, undefined, log);
  }
  const corpus = path.resolve(o.corpus ?? DEFAULT_CORPUS);
  const reports: SetReport[] = [];
  const report = (r: SetReport, misses: string[]) => {
    reports.push(r);
    log(formatReport(r));
    if (o.misses && misses.length) log(misses.map((m) => `    miss ${m}`).join("\n"));
  };
  const rendered = o.sets !== "real", realToo = o.sets !== "rendered";
  if (o.only !== "idcard") {
    let misses: string[] = [];
    const rp = !rendered ? [] : loadRendered<SetEntry & { id: string; plates: PlateCase["plates"] }>(path.join(datasets, "plate"), split, o.limit);
    if (rendered) report(await runPlates(`plate, rendered ${split} half`, rp.map((r) => ({ name: `${r.file} (${r.variant})`, image: r.image, plates: r.plates, ignore: [] })), misses), misses);
    const real = realToo ? loadPlateCorpus(corpus) : [];
    misses = [];
    if (real.length) report(await runPlates(`plate, real photos (${path.relative(process.cwd(), corpus) || corpus})`, real, misses), misses);
    else if (realToo) log(`no plate photos in ${corpus}: real-photo set skipped`);
  }
  if (o.only !== "plate") {
    let misses: string[] = [];
    const rc = !rendered ? [] : loadRendered<SetEntry & { id: string; side: "front" | "back"; expected: Record<string, string> }>(path.join(datasets, "idcard"), split, o.limit);
    if (rendered) report(await runCards(`idcard, rendered ${split} half`, rc.map((c) => ({ name: `${c.file} (${c.variant})`, image: c.image, side: c.side, expected: c.expected })), misses), misses);
    const real = realToo ? loadCardCorpus(corpus) : [];
    misses = [];
    if (real.length) report(await runCards(`idcard, real specimens (${path.relative(process.cwd(), corpus) || corpus})`, real, misses), misses);
    else if (realToo) log(`no ID cards in ${corpus}: real-photo set skipped`);
  }
  return reports;
}

/** Options from command-line arguments (after the section name). */
export function benchArgs(argv: string[]): BenchOptions {
  const val = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const split = val("split");
  if (split && split !== "tune" && split !== "eval") throw new Error(`--split is tune or eval, not ${split}`);
  return {
    only: argv.includes("plate") ? "plate" : argv.includes("idcard") ? "idcard" : undefined,
    split: split as "tune" | "eval" | undefined,
    limit: val("limit") ? Number(val("limit")) : undefined,
    corpus: val("corpus"),
    datasets: val("datasets"),
    misses: argv.includes("--misses"),
    noBaseline: argv.includes("--no-baseline"),
    sets: argv.includes("--only-rendered") ? "rendered" : argv.includes("--only-real") ? "real" : undefined,
  };
}

export function formatReport(r: SetReport): string {
  const keys = Object.keys(r.ours);
  const w = Math.max(...keys.map((k) => k.length));
  const f = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
  return [`${r.set} (${r.images} images)`, `  ${"metric".padEnd(w)}  ${"ours".padStart(8)}  ${"baseline (plain OCR + regex)".padStart(28)}`, ...keys.map((k) => `  ${k.padEnd(w)}  ${f(r.ours[k]).padStart(8)}  ${f(r.baseline[k]).padStart(28)}`)].join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchIdcardPlate({ ...benchArgs(process.argv.slice(2)), log: (s) => console.log(s) }).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
