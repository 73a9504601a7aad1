/**
 * One OCR engine in its own process for bench/ocr.ts, so that each engine's
 * peak memory is its own: `node --import tsx bench/ocr-child.ts ours|raw`.
 *
 * stdin, one JSON per line: {"file": path} → stdout {"ms", "lines": [{text, confidence}]}
 *                          {"peak": true} → stdout {"peakMb"} (this process's RSS high-water mark)
 *
 * - ours: lib/engine with its defaults (decodeImage + ocrPage, the same calls
 *   the engine's worker makes; the size check off so every engine reads the same set).
 * - raw:  @gutenye/ocr-node with its defaults (`Ocr.create()`, `ocr.detect(bytes)`):
 *   the raw PP-OCRv4 models as a Node user would run them.
 * Models are loaded and warmed before the first image; ms is decode + recognition of one file.
 */
import fs from "node:fs";
import readline from "node:readline";
import { loadModels } from "../lib/engine/models";
import { decodeImage } from "../lib/engine/decode";
import { ocrPage } from "../lib/engine/page";
import { warmupImage } from "../lib/engine/warmup";

export interface ChildLine {
  text: string;
  confidence: number;
}
type Reader = (file: Buffer) => Promise<ChildLine[]>;

async function ours(): Promise<Reader> {
  const models = await loadModels();
  await ocrPage(models, warmupImage());
  return async (file) => {
    const img = await decodeImage(file, { checkDimensions: false });
    return (await ocrPage(models, img)).map((l) => ({ text: l.text, confidence: l.confidence }));
  };
}

async function raw(): Promise<Reader> {
  const { default: Ocr } = await import("@gutenye/ocr-node");
  const ocr = await Ocr.create();
  const sharp = (await import("sharp")).default;
  const warm = warmupImage();
  await ocr.detect((await sharp(warm.data, { raw: { width: warm.width, height: warm.height, channels: 3 } }).png().toBuffer()) as unknown as string);
  return async (file) => {
    // ocr-node opens its input with sharp(), which takes bytes as well as a path.
    const lines = (await ocr.detect(file as unknown as string)) as { text: string; mean: number }[];
    return lines.map((l) => ({ text: l.text, confidence: l.mean }));
  };
}

async function main(): Promise<void> {
  const which = process.argv[2];
  const read = which === "raw" ? await raw() : which === "ours" ? await ours() : null;
  if (!read) throw new Error("usage: ocr-child.ts ours|raw");
  const out = (v: unknown) => process.stdout.write(JSON.stringify(v) + "\n");
  out({ ready: true });
  const rl = readline.createInterface({ input: process.stdin });
  for await (const line of rl) {
    const msg = JSON.parse(line) as { file?: string; peak?: boolean };
    if (msg.peak) {
      out({ peakMb: process.resourceUsage().maxRSS / 1024 });
      continue;
    }
    const bytes = fs.readFileSync(msg.file as string);
    const t0 = performance.now();
    try {
      const lines = await read(bytes);
      out({ ms: performance.now() - t0, lines });
    } catch (e) {
      out({ ms: performance.now() - t0, lines: [], error: (e as Error).message });
    }
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
