/**
 * Sweeps the general OCR engine's constants on the rendered TUNING half only
 * (issue 14: every tuned constant is chosen there; the evaluation half and the
 * real corpus are only measured by `npm run bench:ocr`):
 *
 *   npx tsx bench/sweep-engine.ts det|unclip|cls|reread|scale [--limit N] [--kinds a,b] [--set DIR]
 *
 *   det     detection thresholds of general OCR (binarisation thresh × box score)
 *   unclip  box growth (unclip ratio) at the chosen thresholds
 *   cls     CLS_MAX_SQUEEZE (recognize.ts): widest strip squeezed whole into the classifier
 *   reread  REREAD_BELOW (page.ts): a flipped strip reading below it is read unflipped too
 *   strips  CLS_MAX_SQUEEZE × REREAD_BELOW at strip level: each page is detected once, every
 *           strip classified under each CLS_MAX_SQUEEZE and read in each orientation once,
 *           and each pair's page assembled as page.ts's first pass would (no orientation
 *           search): the whole grid for about the price of one page read
 *   arc     lines along a circle (lib/engine/arc.ts) off / on and ARC_LIMITS one at a time;
 *           run on the seals' tuning half: --set bench/out/text/seal-tune
 *   scale   SMALL_BOX × TARGET_BOX (detect.ts) on rendered large pages, tuning indices only
 *           (lib/render/textset renderLargePage 0, 2, 4, …; --limit pages, default 6)
 *
 * Text groups read bench/out/text/tune (`npm run bench:render`); --kinds keeps only
 * those kinds (the pages a constant acts on: long lines for cls/reread, faint text
 * for det); --limit N then takes N evenly spaced images. Every configuration
 * reads every image in one process, configurations interleaved per image so all
 * meet the same machine load. Printed and appended to bench/results/sweep-<group>.txt:
 * strict and forgiving accuracy (bench/metrics.ts), GT lines read (≥ READ_SHARE of
 * their characters), lines lost against the group's first (current) configuration, total seconds.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadModels } from "../lib/engine/models";
import { decodeImage } from "../lib/engine/decode";
import { ocrPage, DET_BOX_THRESH, DET_THRESH, type OcrOptions, type PageLine } from "../lib/engine/page";
import { detectText } from "../lib/engine/detect";
import { cropQuad, flipStrip } from "../lib/engine/crop";
import { classifyDirection, recognizeStrips } from "../lib/engine/recognize";
import type { CtcResult } from "../lib/engine/ctc";
import { orderLines } from "../lib/engine/order";
import type { Models } from "../lib/engine/models";
import type { RgbImage } from "../lib/engine/image";
import { renderLargePage } from "../lib/render/textset";
import { accuracy, addScores, forgivingScore, lineScores, READ_SHARE, strictScore, type CharScore } from "./metrics";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

interface Config {
  label: string;
  opts: OcrOptions;
}
/** One image of the sweep, loaded (or rendered) when its turn comes. */
type Sample = () => Promise<{ file: string; lines: string[]; bytes: Buffer }>;

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
/** A comma list of numbers; "-" for none. */
const num = (name: string) => (arg(name) === undefined ? undefined : arg(name) === "-" ? [] : arg(name)!.split(",").map(Number));

/** Detection options of general OCR as page.ts passes them, overridden by the sweep. */
const det = (thresh: number, boxThresh: number, unclipRatio: number) => ({ thresh, boxThresh, unclipRatio });

function configs(group: string): Config[] {
  switch (group) {
    case "det": {
      const out: Config[] = [];
      for (const t of num("thresh") ?? [0.3, 0.2, 0.1]) for (const b of num("box") ?? [0.6, 0.5, 0.4, 0.3]) out.push({ label: `thresh ${t} box ${b}`, opts: { detect: { thresh: t, boxThresh: b } } });
      return out;
    }
    case "unclip": {
      const [t, b] = [Number(arg("thresh") ?? 0.3), Number(arg("box") ?? 0.6)];
      return (num("ratio") ?? [1.6, 1.4, 1.5, 1.8, 2.0]).map((u) => ({ label: `unclip ${u} (thresh ${t} box ${b})`, opts: { detect: det(t, b, u) } }));
    }
    case "cls":
      return (num("values") ?? [3, 1, 2, 5, 8]).map((v) => ({ label: `CLS_MAX_SQUEEZE ${v}`, opts: { clsMaxSqueeze: v } }));
    case "reread":
      return (num("values") ?? [0.8, 0, 0.5, 0.9, 0.95]).map((v) => ({ label: `REREAD_BELOW ${v}`, opts: { rereadBelow: v } }));
    case "arc": {
      // lines along a circle (lib/engine/arc.ts): off, then ARC_LIMITS varied one at a time
      const out: Config[] = [{ label: "arcs off", opts: { detect: { arcs: false } } }];
      const base = { tryBelow: 0.7, minSweep: 40, maxThickness: 0.5, minFill: 0.6 };
      const lim = (o: Partial<typeof base>) => { const l = { ...base, ...o }; return { label: `try<${l.tryBelow} sweep ${l.minSweep}° thick ${l.maxThickness} fill ${l.minFill}`, opts: { detect: { arcLimits: { ...l, minSweep: (l.minSweep * Math.PI) / 180 } } } }; };
      out.push(lim({}));
      for (const v of num("try") ?? [0.3, 0.5]) out.push(lim({ tryBelow: v }));
      for (const v of num("sweep") ?? [20, 60, 90]) out.push(lim({ minSweep: v }));
      for (const v of num("thick") ?? [0.3, 0.8]) out.push(lim({ maxThickness: v }));
      for (const v of num("fill") ?? [0.4, 0.8]) out.push(lim({ minFill: v }));
      return out;
    }
    case "scale": {
      const out: Config[] = [];
      for (const s of num("small") ?? [12, 9, 15]) for (const t of num("target") ?? [20, 16, 24]) out.push({ label: `SMALL_BOX ${s} TARGET_BOX ${t}`, opts: { detect: { smallBox: s, targetBox: t } } });
      return out;
    }
  }
  throw new Error("usage: sweep-engine.ts det|unclip|cls|reread|scale [--limit N]");
}

function textSamples(dir: string, limit: number, kinds?: string[]): Sample[] {
  const all = (JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as { file: string; kind: string; lines: string[] }[]).filter((e) => !kinds || kinds.includes(e.kind));
  const n = Math.min(limit, all.length);
  const picked = Array.from({ length: n }, (_, k) => all[Math.floor((k * all.length) / n)]);
  return picked.map((e) => async () => ({ file: e.file, lines: e.lines, bytes: fs.readFileSync(path.join(dir, e.file)) }));
}

function largeSamples(limit: number): Sample[] {
  return Array.from({ length: limit }, (_, k) => async () => {
    const p = await renderLargePage(2 * k);
    return { file: p.name, lines: p.lines, bytes: p.image };
  });
}

/** Every (CLS_MAX_SQUEEZE, REREAD_BELOW) page of one image, as page.ts's first pass assembles it. */
async function stripPages(models: Models, img: RgbImage, squeezes: number[], rereads: number[]): Promise<string[][]> {
  const boxes = await detectText(models, img, { limitArea: 960 * 960, rescale: true, thresh: DET_THRESH, boxThresh: DET_BOX_THRESH });
  const strips = boxes.map((b) => cropQuad(img, b.quad));
  const asIs = await recognizeStrips(models, strips, 3);
  const flippedRead = new Map<number, CtcResult>();
  const pages: string[][] = [];
  for (const sq of squeezes) {
    const p = await classifyDirection(models, strips, sq);
    const need = p.map((v, i) => (v > 0.9 && !flippedRead.has(i) ? i : -1)).filter((i) => i >= 0);
    const reads = await recognizeStrips(models, need.map((i) => flipStrip(strips[i])), 3);
    need.forEach((i, k) => flippedRead.set(i, reads[k]));
    for (const rb of rereads) {
      const lines: PageLine[] = strips.map((s, i) => {
        let r = asIs[i];
        let quad = s.quad;
        if (p[i] > 0.9) {
          const f = flippedRead.get(i) as CtcResult;
          r = f.confidence < rb && asIs[i].confidence > f.confidence ? asIs[i] : f;
          if (r === f) quad = flipStrip(s).quad;
        }
        return { text: r.text, confidence: r.confidence, quad, chars: r.chars };
      });
      pages.push(orderLines(lines.filter((l) => l.text.trim() !== "")).map((l) => l.text));
    }
  }
  return pages;
}

async function main(): Promise<void> {
  const group = process.argv[2];
  if (group === "strips") return stripsMain();
  const list = configs(group);
  const limit = Number(arg("limit")) || (group === "scale" ? 6 : Infinity);
  const samples = group === "scale" ? largeSamples(limit) : textSamples(path.resolve(arg("set") ?? path.join(repoRoot, "bench/out/text/tune")), limit, arg("kinds")?.split(","));
  const models = await loadModels();
  const fig = list.map(() => ({ strict: { correct: 0, total: 0 } as CharScore, forgiving: { correct: 0, total: 0 } as CharScore, read: 0, total: 0, lost: [] as string[], ms: 0 }));
  for (const [k, load] of samples.entries()) {
    const s = await load();
    const img = await decodeImage(s.bytes, { checkDimensions: false });
    let first: boolean[] = [];
    for (const [c, cfg] of list.entries()) {
      const t0 = performance.now();
      const pred = (await ocrPage(models, img, cfg.opts)).map((l) => l.text);
      fig[c].ms += performance.now() - t0;
      const read = addPage(fig[c], s.lines, pred, s.file, c === 0 ? null : first);
      if (c === 0) first = read;
    }
    process.stderr.write(`\r${k + 1}/${samples.length} ${s.file}        `);
  }
  process.stderr.write("\n");
  const set = group === "scale" ? `rendered large pages, tuning indices 0..${2 * (samples.length - 1)}` : `${path.relative(repoRoot, path.resolve(arg("set") ?? "bench/out/text/tune"))} (${samples.length} images${arg("kinds") ? ` of kinds ${arg("kinds")}` : ""}${Number.isFinite(limit) ? `, --limit ${limit} evenly spaced` : ""})`;
  const out = [`## ${group} on ${set} — ${new Date().toISOString()}`, "config                                   strict  forgiving  lines read   lost vs first   s"];
  for (const [c, cfg] of list.entries()) {
    const f = fig[c];
    out.push(`${cfg.label.padEnd(40)} ${accuracy(f.strict).toFixed(4)}  ${accuracy(f.forgiving).toFixed(4)}  ${`${f.read}/${f.total}`.padStart(10)}  ${String(f.lost.length).padStart(14)}  ${(f.ms / 1000).toFixed(0).padStart(4)}`);
  }
  for (const [c, cfg] of list.entries()) if (fig[c].lost.length) out.push(`  lost by ${cfg.label}: ${fig[c].lost.slice(0, 12).join(", ")}${fig[c].lost.length > 12 ? " …" : ""}`);
  const text = out.join("\n");
  console.log(text);
  fs.mkdirSync(path.join(repoRoot, "bench/results"), { recursive: true });
  fs.appendFileSync(path.join(repoRoot, `bench/results/sweep-${group}.txt`), text + "\n\n");
}

interface PageFigures {
  strict: CharScore;
  forgiving: CharScore;
  read: number;
  total: number;
  lost: string[];
}

/**
 * Adds one page read by a configuration to its figures and returns which GT lines it read
 * (≥ READ_SHARE of their characters); lines `first` (the first configuration) read and this one
 * did not are listed as lost.
 */
function addPage(f: PageFigures, gt: string[], pred: string[], file: string, first: boolean[] | null): boolean[] {
  f.strict = addScores(f.strict, strictScore(gt, pred));
  f.forgiving = addScores(f.forgiving, forgivingScore(gt, pred));
  const read = lineScores(gt, pred).map((l) => l.correct >= READ_SHARE * l.total);
  f.read += read.filter(Boolean).length;
  f.total += read.length;
  if (first) read.forEach((r, i) => !r && first[i] && f.lost.push(`${file}#${i}`));
  return read;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

async function stripsMain(): Promise<void> {
  const squeezes = num("squeeze") ?? [3, 1, 2, 5, 8];
  const rereads = num("reread") ?? [0.8, 0, 0.5, 0.9, 0.95];
  const labels = squeezes.flatMap((sq) => rereads.map((rb) => `CLS_MAX_SQUEEZE ${sq} REREAD_BELOW ${rb}`));
  const limit = Number(arg("limit")) || Infinity;
  const dir = path.resolve(arg("set") ?? path.join(repoRoot, "bench/out/text/tune"));
  const samples = textSamples(dir, limit, arg("kinds")?.split(","));
  const models = await loadModels();
  const fig = labels.map(() => ({ strict: { correct: 0, total: 0 } as CharScore, forgiving: { correct: 0, total: 0 } as CharScore, read: 0, total: 0, lost: [] as string[] }));
  let ms = 0;
  for (const [k, load] of samples.entries()) {
    const s = await load();
    const img = await decodeImage(s.bytes, { checkDimensions: false });
    const t0 = performance.now();
    const pages = await stripPages(models, img, squeezes, rereads);
    ms += performance.now() - t0;
    let first: boolean[] = [];
    pages.forEach((pred, c) => {
      const read = addPage(fig[c], s.lines, pred, s.file, c === 0 ? null : first);
      if (c === 0) first = read;
    });
    process.stderr.write(`\r${k + 1}/${samples.length} ${s.file}        `);
  }
  process.stderr.write("\n");
  const set = `${path.relative(repoRoot, dir)} (${samples.length} images${arg("kinds") ? ` of kinds ${arg("kinds")}` : ""}${Number.isFinite(limit) ? `, --limit ${limit} evenly spaced` : ""})`;
  const out = [`## strips on ${set}, first pass only, ${(ms / 1000).toFixed(0)} s — ${new Date().toISOString()}`, "config                                   strict  forgiving  lines read   lost vs first"];
  labels.forEach((label, c) => {
    const f = fig[c];
    out.push(`${label.padEnd(40)} ${accuracy(f.strict).toFixed(4)}  ${accuracy(f.forgiving).toFixed(4)}  ${`${f.read}/${f.total}`.padStart(10)}  ${String(f.lost.length).padStart(14)}`);
  });
  labels.forEach((label, c) => fig[c].lost.length && out.push(`  lost by ${label}: ${fig[c].lost.slice(0, 12).join(", ")}${fig[c].lost.length > 12 ? " …" : ""}`));
  const text = out.join("\n");
  console.log(text);
  fs.mkdirSync(path.join(repoRoot, "bench/results"), { recursive: true });
  fs.appendFileSync(path.join(repoRoot, "bench/results/sweep-strips.txt"), text + "\n\n");
}
