/**
 * Renders the general-OCR text set (lib/render/textset.ts) into two halves:
 *   npm run bench:render [count=520] [seed=14]
 * → bench/out/text/tune and bench/out/text/eval (git-ignored), each with
 * manifest.json [{file, kind, effects, lines}]. Even indices are the tuning
 * half (constants may be chosen on it), odd ones the evaluation half (only
 * ever measured). Same count and seed, same files.
 * Also bench/out/text/large: the two large pages of issue 14 (a 4900×4900 page of
 * 28-px text, an A4 scan at 300 dpi of 40-px text; renderIssuePages), measured
 * by `npm run bench:ocr` for accuracy and time against raw, never tuned on.
 * And bench/out/text/seal-{tune,eval}: round seals, text along a circle (lib/render/seal.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { renderIssuePages, renderTextSample } from "../lib/render/textset";
import { renderSeal } from "../lib/render/seal";

/** Round seals (lib/render/seal.ts): even indices → seal-tune, odd → seal-eval. */
const SEALS = 80;

const count = Number(process.argv[2]) || 520;
const seed = Number(process.argv[3]) || 14;
const root = path.join(process.cwd(), "bench", "out", "text");

async function main(): Promise<void> {
  const halves = { tune: [] as object[], eval: [] as object[] };
  for (const h of Object.keys(halves)) fs.rmSync(path.join(root, h), { recursive: true, force: true });
  for (const h of Object.keys(halves)) fs.mkdirSync(path.join(root, h), { recursive: true });
  for (let i = 0; i < count; i++) {
    const s = await renderTextSample(i, seed);
    const half = i % 2 === 0 ? "tune" : "eval";
    const file = `${s.name}.${s.ext}`;
    fs.writeFileSync(path.join(root, half, file), s.image);
    halves[half].push({ file, kind: s.kind, effects: s.effects, lines: s.lines });
  }
  for (const [h, entries] of Object.entries(halves)) fs.writeFileSync(path.join(root, h, "manifest.json"), JSON.stringify(entries, null, 1));
  const large = path.join(root, "large");
  fs.rmSync(large, { recursive: true, force: true });
  fs.mkdirSync(large, { recursive: true });
  const pages = await renderIssuePages(seed);
  for (const p of pages) fs.writeFileSync(path.join(large, `${p.name}.png`), p.image);
  fs.writeFileSync(path.join(large, "manifest.json"), JSON.stringify(pages.map((p) => ({ file: `${p.name}.png`, kind: "large", effects: [], lines: p.lines })), null, 1));
  const seals = { "seal-tune": [] as object[], "seal-eval": [] as object[] };
  for (const h of Object.keys(seals)) {
    fs.rmSync(path.join(root, h), { recursive: true, force: true });
    fs.mkdirSync(path.join(root, h), { recursive: true });
  }
  for (let i = 0; i < SEALS; i++) {
    const s = await renderSeal(i, seed);
    const half = i % 2 === 0 ? "seal-tune" : "seal-eval";
    fs.writeFileSync(path.join(root, half, `${s.name}.jpg`), s.image);
    seals[half].push({ file: `${s.name}.jpg`, kind: "seal", effects: s.effects, lines: s.lines });
  }
  for (const [h, entries] of Object.entries(seals)) fs.writeFileSync(path.join(root, h, "manifest.json"), JSON.stringify(entries, null, 1));
  console.log(`${count} images (seed ${seed}): ${halves.tune.length} in ${path.join(root, "tune")}, ${halves.eval.length} in ${path.join(root, "eval")}; ${pages.length} large pages in ${large}; ${SEALS} seals in ${path.join(root, "seal-tune")} and seal-eval`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
