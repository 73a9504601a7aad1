/**
 * OCR benchmark: `npm run bench:ocr`.
 *
 * Section "general" reads every image of ../shared/corpus/general (ground truth
 * `lines` in its manifest.json) with
 *   - ours:  the engine's pipeline (lib/engine ocrPage, defaults: orientation
 *            search after a low-confidence first pass, unclip 1.6, strips
 *            padded only to a multiple of 8 px, reading order),
 *   - raw:   the same models with PaddleOCR's defaults (unclip 1.5, every
 *            strip padded to 320 px) and no page-orientation search (the
 *            "raw PP-OCRv4" reference),
 *   - tesseract: Debian's `tesseract FILE stdout -l chi_sim+eng --psm 3`,
 * and prints, side by side:
 *   - character accuracy, strict and forgiving (defined in bench/metrics.ts):
 *       strict    = GT and predicted lines paired one to one; a split or
 *                   merged line loses the characters of the other part;
 *       forgiving = each GT line aligned against any substring of all
 *                   predicted text joined in reading order, so splits,
 *                   merges and line order cost nothing;
 *   - median and p95 milliseconds per image (decode + recognition, one image at
 *     a time, models loaded and warmed beforehand; ours and raw interleaved
 *     image by image so both meet the same load; BENCH_REPS passes), and
 *   - peak memory: RSS high-water mark of this process while the engine
 *     section runs (models included); of the tesseract child processes (max
 *     over images, from /usr/bin/time when present).
 * Images under 32 px (the API refuses them with 4011) are scored here with the
 * size check off so every engine reads the same set; the count is printed.
 *
 * Other sections (ID cards, plates) add a function like benchGeneral() and a
 * line in SECTIONS; the metric helpers live in bench/metrics.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { loadModels, type Models } from "../lib/engine/models";
import { decodeImage, MIN_SIDE } from "../lib/engine/decode";
import { ocrPage, type OcrOptions } from "../lib/engine/page";
import { warmupImage } from "../lib/engine/warmup";
import { accuracy, addScores, forgivingScore, median, percentile, strictScore, type CharScore } from "./metrics";

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const corpusRoot = path.resolve(repoRoot, "../shared/corpus");

interface Entry {
  file: string;
  lines: string[];
}

export interface EngineFigures {
  name: string;
  strict: CharScore;
  forgiving: CharScore;
  ms: number[];
  peakMb: number;
}

export function printTable(title: string, rows: EngineFigures[]): void {
  console.log(`\n## ${title}`);
  console.log("engine        strict  forgiving  median ms  p95 ms  peak MB");
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(12)}  ${accuracy(r.strict).toFixed(3).padStart(6)}  ${accuracy(r.forgiving).toFixed(3).padStart(9)}  ${Math.round(median(r.ms)).toString().padStart(9)}  ${Math.round(percentile(r.ms, 95)).toString().padStart(6)}  ${Math.round(r.peakMb).toString().padStart(7)}`,
    );
  }
}

/** Tracks this process's RSS high-water mark while `fn` runs. */
export async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, peakMb: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

interface Variant {
  name: string;
  opts: OcrOptions;
}

/**
 * Our pipeline under several option sets, interleaved image by image (the
 * order rotating per image) so that every variant meets the same machine load;
 * `reps` passes over the corpus, accuracy from the first.
 */
async function ourEngines(models: Models, dir: string, entries: Entry[], variants: Variant[], reps: number): Promise<EngineFigures[]> {
  for (const v of variants) await ocrPage(models, warmupImage(), v.opts);
  const figures = variants.map((v): EngineFigures => ({ name: v.name, strict: { correct: 0, total: 0 }, forgiving: { correct: 0, total: 0 }, ms: [], peakMb: 0 }));
  const { peakMb } = await withPeakRss(async () => {
    for (let r = 0; r < reps; r++) {
      for (const [i, e] of entries.entries()) {
        const file = fs.readFileSync(path.join(dir, e.file));
        for (let k = 0; k < variants.length; k++) {
          const j = (i + r + k) % variants.length;
          const t0 = performance.now();
          const img = await decodeImage(file, { checkDimensions: false });
          const lines = await ocrPage(models, img, variants[j].opts);
          figures[j].ms.push(performance.now() - t0);
          if (r > 0) continue;
          const pred = lines.map((l) => l.text);
          figures[j].strict = addScores(figures[j].strict, strictScore(e.lines, pred));
          figures[j].forgiving = addScores(figures[j].forgiving, forgivingScore(e.lines, pred));
        }
      }
    }
  });
  for (const f of figures) f.peakMb = peakMb;
  return figures;
}

async function tesseract(dir: string, entries: Entry[]): Promise<EngineFigures | null> {
  try {
    await run("tesseract", ["--version"]);
  } catch {
    console.log("tesseract not installed (apt-get install -y tesseract-ocr tesseract-ocr-chi-sim); skipped");
    return null;
  }
  const timeBin = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : null;
  const ms: number[] = [];
  let strict: CharScore = { correct: 0, total: 0 };
  let forgiving: CharScore = { correct: 0, total: 0 };
  let peakKb = 0;
  for (const e of entries) {
    const args = [path.join(dir, e.file), "stdout", "-l", "chi_sim+eng", "--psm", "3"];
    const t0 = performance.now();
    const { stdout, stderr } = timeBin
      ? await run(timeBin, ["-f", "MAXRSS %M", "tesseract", ...args], { maxBuffer: 1 << 24 })
      : await run("tesseract", args, { maxBuffer: 1 << 24 });
    ms.push(performance.now() - t0);
    const m = /MAXRSS (\d+)/.exec(stderr);
    if (m) peakKb = Math.max(peakKb, Number(m[1]));
    const pred = stdout.split("\n").filter((l) => l.trim() !== "");
    strict = addScores(strict, strictScore(e.lines, pred));
    forgiving = addScores(forgiving, forgivingScore(e.lines, pred));
  }
  return { name: "tesseract", strict, forgiving, ms, peakMb: peakKb / 1024 };
}

/** PaddleOCR's defaults on the same models: unclip 1.5, no page-orientation search, recogniser input padded to 320 px. */
const RAW: OcrOptions = { orientation: false, detect: { unclipRatio: 1.5 }, rec: { minWidth: 320 } };

export async function benchGeneral(models: Models): Promise<void> {
  const dir = path.join(corpusRoot, "general");
  const entries = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as Entry[];
  let tiny = 0;
  for (const e of entries) {
    const img = await decodeImage(fs.readFileSync(path.join(dir, e.file)), { checkDimensions: false });
    if (img.width < MIN_SIDE || img.height < MIN_SIDE) tiny++;
  }
  console.log(`general corpus: ${entries.length} images, ${entries.reduce((s, e) => s + e.lines.join("").length, 0)} GT characters; ${tiny} under ${MIN_SIDE} px (the API refuses those with 4011)`);
  const reps = Math.max(1, Number(process.env.BENCH_REPS) || 1);
  const rows = await ourEngines(
    models,
    dir,
    entries,
    [
      { name: "ours", opts: {} },
      { name: "raw pp-ocrv4", opts: RAW },
    ],
    reps,
  );
  const t = await tesseract(dir, entries);
  if (t) rows.push(t);
  printTable("general (通用型 OCR)", rows);
  console.log(`ours and raw ran interleaved image by image, ${reps} pass(es) (BENCH_REPS); ms over all passes.`);
  console.log("peak MB for ours/raw is the whole bench process (models, both runs); tesseract's is one child process.");
}

// ---- ID cards and plates (owned by the idcard/plate engineer; see bench/idcard-plate.ts) ----
async function benchIdcardPlateSection(): Promise<void> {
  const { benchIdcardPlate, benchArgs } = await import("./idcard-plate");
  await benchIdcardPlate({ ...benchArgs(process.argv.slice(3)), log: (s) => console.log(s) });
}
// ---- end ID cards and plates ----

const SECTIONS: { name: string; run: (models: Models) => Promise<void> }[] = [
  { name: "general", run: benchGeneral },
  { name: "idcard-plate", run: benchIdcardPlateSection },
];

async function main(): Promise<void> {
  const only = process.argv[2];
  const models = await loadModels({ threads: Number(process.env.ENGINE_THREADS) || undefined });
  console.log(`onnxruntime threads per session: ${Number(process.env.ENGINE_THREADS) || "cores/ENGINE_CONCURRENCY"}`);
  for (const s of SECTIONS) if (!only || only === s.name) await s.run(models);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
