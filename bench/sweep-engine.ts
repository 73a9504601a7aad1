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
import { ocrPage, type OcrOptions } from "../lib/engine/page";
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
const num = (name: string) => (arg(name) === undefined ? undefined : arg(name)!.split(",").map(Number));

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

async function main(): Promise<void> {
  const group = process.argv[2];
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
      const f = fig[c];
      f.ms += performance.now() - t0;
      f.strict = addScores(f.strict, strictScore(s.lines, pred));
      f.forgiving = addScores(f.forgiving, forgivingScore(s.lines, pred));
      const read = lineScores(s.lines, pred).map((l) => l.correct >= READ_SHARE * l.total);
      f.read += read.filter(Boolean).length;
      f.total += read.length;
      if (c === 0) first = read;
      else read.forEach((r, i) => !r && first[i] && f.lost.push(`${s.file}#${i}`));
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

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
