/**
 * OCR benchmark: `npm run bench:ocr [general|idcard-plate] [SET_DIR…]`.
 *
 * Section "general" reads every set (a folder with manifest.json: [{file, lines}]).
 * Default sets: the shared real corpus ../shared/corpus/general, then the rendered
 * tuning and evaluation halves bench/out/text/{tune,eval} and the two large
 * pages bench/out/text/large (4900×4900 of 28-px text, A4 at 300 dpi) and the round seals
 * bench/out/text/seal-{tune,eval} (text along a circle; all made by
 * `npm run bench:render`; skipped with a hint when absent). Folders given as
 * arguments replace the defaults. Two engines read every image:
 *   - ours: lib/engine with its defaults (decodeImage + ocrPage, as the engine's worker);
 *   - raw:  @gutenye/ocr-node with its defaults (`Ocr.create()`, `ocr.detect(bytes)`):
 *           the same PP-OCRv4 models as a Node user would run them — the reference.
 * Each engine runs in its own child process (bench/ocr-child.ts), models loaded
 * and warmed first; images go to both interleaved (who goes first alternates per
 * image) so both meet the same machine load. Printed per set:
 *   - character accuracy, strict and forgiving (bench/metrics.ts):
 *       strict    = GT and predicted lines paired one to one; a split or
 *                   merged line loses the characters of the other part;
 *       forgiving = each GT line aligned against any substring of all
 *                   predicted text joined in reading order;
 *   - median and p95 ms per image (decode + recognition, inside the child);
 *   - peak MB: each child's RSS high-water mark (models included);
 *   - "fewer characters": every image where ours reads fewer GT characters
 *     (forgiving) than raw, with both counts;
 *   - "lost lines": every GT line raw reads (≥ READ_SHARE of its characters)
 *     and ours does not.
 * BENCH_LIMIT=n reads only the first n images of each set (for iterating);
 * BENCH_TESSERACT=1 adds Debian's tesseract (chi_sim+eng, psm 3) as a third row.
 * Images under 32 px (the API refuses them with 4011) are read with the size check off.
 */
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { spawn, execFile, type ChildProcessWithoutNullStreams } from "node:child_process";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { accuracy, addScores, forgivingScore, lineScores, median, percentile, READ_SHARE, strictScore, type CharScore } from "./metrics";
import type { ChildLine } from "./ocr-child";

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** The shared real corpus beside the clone (../shared), or beside a worktree's parent (../../shared). */
const corpusRoot = ["../shared/corpus", "../../shared/corpus"].map((p) => path.resolve(repoRoot, p)).find((p) => fs.existsSync(p)) ?? path.resolve(repoRoot, "../shared/corpus");
export const RENDERED_TEXT_DIR = path.join(repoRoot, "bench", "out", "text");

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

/** An engine in a child process, answering one request at a time. */
class Child {
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly replies: AsyncIterator<string>;

  constructor(which: "ours" | "raw") {
    this.proc = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "bench", "ocr-child.ts"), which], { cwd: repoRoot, stdio: ["pipe", "pipe", "inherit"] }) as unknown as ChildProcessWithoutNullStreams;
    this.replies = readline.createInterface({ input: this.proc.stdout })[Symbol.asyncIterator]();
  }

  async ask<T>(msg?: unknown): Promise<T> {
    if (msg !== undefined) this.proc.stdin.write(JSON.stringify(msg) + "\n");
    const r = await this.replies.next();
    if (r.done) throw new Error("bench child exited");
    return JSON.parse(r.value) as T;
  }

  close(): void {
    this.proc.stdin.end();
  }
}

interface Reading {
  ms: number;
  lines: ChildLine[];
  error?: string;
}

interface SetResult {
  rows: EngineFigures[];
  fewer: { file: string; ours: number; raw: number }[];
  lost: { file: string; line: string; ours: number; raw: number }[];
  errors: string[];
}

const correctOf = (s: { correct: number }[]) => s.reduce((a, x) => a + x.correct, 0);

async function benchSet(engines: { ours: Child; raw: Child }, dir: string, entries: Entry[]): Promise<SetResult> {
  const names = ["ours", "raw"] as const;
  const fig = Object.fromEntries(names.map((n) => [n, { name: n === "raw" ? "raw (ocr-node)" : n, strict: { correct: 0, total: 0 }, forgiving: { correct: 0, total: 0 }, ms: [] as number[], peakMb: 0 }])) as Record<(typeof names)[number], EngineFigures>;
  const res: SetResult = { rows: [fig.ours, fig.raw], fewer: [], lost: [], errors: [] };
  for (const [i, e] of entries.entries()) {
    const file = path.join(dir, e.file);
    const order = i % 2 === 0 ? names : ([...names].reverse() as ("ours" | "raw")[]);
    const got: Partial<Record<"ours" | "raw", Reading>> = {};
    for (const n of order) got[n] = await engines[n].ask<Reading>({ file });
    const per: Partial<Record<"ours" | "raw", ReturnType<typeof lineScores>>> = {};
    for (const n of names) {
      const r = got[n] as Reading;
      if (r.error) res.errors.push(`${n} ${e.file}: ${r.error}`);
      const pred = r.lines.map((l) => l.text);
      fig[n].ms.push(r.ms);
      fig[n].strict = addScores(fig[n].strict, strictScore(e.lines, pred));
      fig[n].forgiving = addScores(fig[n].forgiving, forgivingScore(e.lines, pred));
      per[n] = lineScores(e.lines, pred);
    }
    const o = per.ours ?? [], w = per.raw ?? [];
    if (correctOf(o) < correctOf(w)) res.fewer.push({ file: e.file, ours: correctOf(o), raw: correctOf(w) });
    o.forEach((l, k) => {
      if (w[k].correct >= READ_SHARE * l.total && l.correct < READ_SHARE * l.total) res.lost.push({ file: e.file, line: l.line, ours: l.correct, raw: w[k].correct });
    });
  }
  return res;
}

async function tesseract(dir: string, entries: Entry[]): Promise<EngineFigures | null> {
  try {
    await run("tesseract", ["--version"]);
  } catch {
    console.log("tesseract not installed (apt-get install -y tesseract-ocr tesseract-ocr-chi-sim); skipped");
    return null;
  }
  const ms: number[] = [];
  let strict: CharScore = { correct: 0, total: 0 };
  let forgiving: CharScore = { correct: 0, total: 0 };
  for (const e of entries) {
    const t0 = performance.now();
    const { stdout } = await run("tesseract", [path.join(dir, e.file), "stdout", "-l", "chi_sim+eng", "--psm", "3"], { maxBuffer: 1 << 24 });
    ms.push(performance.now() - t0);
    const pred = stdout.split("\n").filter((l) => l.trim() !== "");
    strict = addScores(strict, strictScore(e.lines, pred));
    forgiving = addScores(forgiving, forgivingScore(e.lines, pred));
  }
  return { name: "tesseract", strict, forgiving, ms, peakMb: 0 };
}

function defaultSets(): string[] {
  const sets = [path.join(corpusRoot, "general")];
  for (const half of ["tune", "eval", "large", "seal-tune", "seal-eval"]) {
    const d = path.join(RENDERED_TEXT_DIR, half);
    if (fs.existsSync(path.join(d, "manifest.json"))) sets.push(d);
    else console.log(`${d}: not rendered yet (npm run bench:render); skipped`);
  }
  return sets;
}

export async function benchGeneral(dirs: string[] = []): Promise<void> {
  const sets = dirs.length ? dirs.map((d) => path.resolve(d)) : defaultSets();
  const limit = Number(process.env.BENCH_LIMIT) || Infinity;
  const engines = { ours: new Child("ours"), raw: new Child("raw") };
  await Promise.all([engines.ours.ask(), engines.raw.ask()]);
  const summary: string[] = [];
  for (const dir of sets) {
    const entries = (JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as Entry[]).slice(0, limit);
    const name = path.relative(repoRoot, dir) || dir;
    console.log(`\n${name}: ${entries.length} images, ${entries.reduce((s, e) => s + e.lines.join("").length, 0)} GT characters`);
    const r = await benchSet(engines, dir, entries);
    if (process.env.BENCH_TESSERACT === "1") {
      const t = await tesseract(dir, entries);
      if (t) r.rows.push(t);
    }
    for (const [k, n] of (["ours", "raw"] as const).entries()) r.rows[k].peakMb = (await engines[n].ask<{ peakMb: number }>({ peak: true })).peakMb;
    printTable(`${name} (通用型 OCR)`, r.rows);
    console.log(`fewer characters than raw (${r.fewer.length} images):`);
    for (const f of r.fewer) console.log(`  ${f.file}: ours ${f.ours}, raw ${f.raw}`);
    console.log(`lost lines (${r.lost.length}; raw reads ≥ ${READ_SHARE} of the line, ours less):`);
    for (const l of r.lost) console.log(`  ${l.file}: "${l.line}" ours ${l.ours}, raw ${l.raw}`);
    for (const e of r.errors) console.log(`  error: ${e}`);
    const [o, w] = r.rows;
    summary.push(
      `${name.padEnd(28)} strict ${accuracy(o.strict).toFixed(3)}/${accuracy(w.strict).toFixed(3)}  forgiving ${accuracy(o.forgiving).toFixed(3)}/${accuracy(w.forgiving).toFixed(3)}  p50 ${Math.round(median(o.ms))}/${Math.round(median(w.ms))} ms  p95 ${Math.round(percentile(o.ms, 95))}/${Math.round(percentile(w.ms, 95))} ms  fewer ${r.fewer.length}  lost ${r.lost.length}`,
    );
  }
  engines.ours.close();
  engines.raw.close();
  console.log("\n## summary (ours/raw)");
  for (const s of summary) console.log(s);
  console.log("peak MB is each engine's own child process (RSS high-water mark, cumulative over the sets so far).");
}

// ---- ID cards and plates (owned by the idcard/plate engineer; see bench/idcard-plate.ts) ----
async function benchIdcardPlateSection(): Promise<void> {
  const { benchIdcardPlate, benchArgs } = await import("./idcard-plate");
  await benchIdcardPlate({ ...benchArgs(process.argv.slice(3)), log: (s) => console.log(s) });
}
// ---- end ID cards and plates ----

const SECTIONS: { name: string; run: (args: string[]) => Promise<void> }[] = [
  { name: "general", run: benchGeneral },
  { name: "idcard-plate", run: benchIdcardPlateSection },
];

async function main(): Promise<void> {
  const [only, ...args] = process.argv.slice(2);
  const named = SECTIONS.some((s) => s.name === only);
  for (const s of SECTIONS) if (!only || only === s.name || (!named && s.name === "general")) await s.run(named ? args : process.argv.slice(2));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
