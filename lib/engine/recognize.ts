/**
 * Direction classification (0°/180° per strip, ch_ppocr_mobile_v2.0_cls) and
 * recognition (PP-OCRv4 rec, CTC) of strips made by crop.ts.
 */
import * as ort from "onnxruntime-node";
import type { Models } from "./models";
import { ctcDecode, type CtcResult } from "./ctc";
import { REC_HEIGHT, flipStrip, type Strip } from "./crop";
import type { RgbImage } from "./image";
import { engineEnv } from "./options";

/**
 * Classifier batch; the recogniser runs one strip at a time (measured faster
 * per pixel on CPU than batches padded to the widest: batches of 6 cost 14%
 * more CPU on the general corpus).
 */
const CLS_BATCH = 6;
const REC_BATCH = 1;
const CLS_W = 192;
/**
 * Widest strip squeezed whole into the classifier, in multiples of CLS_W;
 * wider ones are judged on windows. 3 (576 px, ~12 characters) keeps the short
 * strips of plates and ID cards on PaddleOCR's path. Swept with REREAD_BELOW
 * (bench/sweep-engine.ts strips, bench/results/sweep-strips.txt): on 16 dense and
 * screenshot pages of the rendered tuning half, 1, 2, 3, 5 and 8 all read 0.9954
 * strict and forgiving, 251 of 251 lines (with the window judgement below and the
 * re-read, no strip is lost at any width); 3 is kept, the half does not tell them apart.
 */
const CLS_MAX_SQUEEZE = 3;
/**
 * Narrowest recogniser input. PaddleOCR pads every strip to 320 px (ratio
 * 320/48); we pad only to a multiple of 8: on the general corpus that reads
 * better (strict 0.952 → 0.954, forgiving 0.975 → 0.977) and a short strip
 * costs its own width, not 320 px (recognition CPU −16%).
 */
export const REC_MIN_WIDTH = engineEnv().recMinWidth;

/** (v/255 - 0.5)/0.5 for every byte value, the recogniser's and classifier's normalisation. */
const NORM = Float32Array.from({ length: 256 }, (_, v) => v / 127.5 - 1);

/**
 * Writes columns [x0, x0 + srcWidth) of an RGB image, resampled to `srcWidth`
 * → min(srcWidth, W) columns when squeezing, as a BGR (x/255-0.5)/0.5 tensor
 * slot of width `W`, padding with 0.
 */
function fillTensor(dst: Float32Array, offset: number, img: RgbImage, W: number, srcWidth = img.width, x0 = 0, span = img.width - x0): void {
  const H = img.height;
  const plane = H * W;
  const w = Math.min(srcWidth, W);
  const src = img.data;
  // source column of each tensor column
  const cols = new Int32Array(w);
  for (let x = 0; x < w; x++) cols[x] = x0 + (srcWidth === span ? x : Math.min(span - 1, Math.floor(((x + 0.5) * span) / srcWidth)));
  for (let y = 0; y < H; y++) {
    const row = y * img.width;
    const o0 = offset + y * W;
    for (let x = 0; x < w; x++) {
      const s = (row + cols[x]) * 3;
      const o = o0 + x;
      dst[o] = NORM[src[s + 2]];
      dst[o + plane] = NORM[src[s + 1]];
      dst[o + 2 * plane] = NORM[src[s]];
    }
  }
}

/**
 * Probability that each strip is upside down. A strip up to CLS_MAX_SQUEEZE ×
 * CLS_W wide is squeezed into the classifier's 192 px (PaddleOCR's cls
 * resize); a longer one is judged on three 192-px windows at its own scale
 * (start, middle, end; probabilities averaged): squeezed 10× a 60-character
 * line is a grey smear the classifier calls upside down about half the time,
 * and the flipped strip then reads as nothing (rendered tuning half: 6 of 18
 * lines of 156-dense.png flipped and lost this way; the dense and screenshot
 * pages of that half lost 52 of 632 lines before, 0 after, with the re-read in page.ts).
 */
export async function classifyDirection(models: Models, strips: RgbImage[], maxSqueeze = CLS_MAX_SQUEEZE): Promise<number[]> {
  const items: { strip: number; x0: number; span: number }[] = [];
  strips.forEach((s, i) => {
    if (s.width <= CLS_W * maxSqueeze) items.push({ strip: i, x0: 0, span: s.width });
    else for (const f of [0, 0.5, 1]) items.push({ strip: i, x0: Math.round((s.width - CLS_W) * f), span: CLS_W });
  });
  const sum: number[] = new Array(strips.length).fill(0);
  const count: number[] = new Array(strips.length).fill(0);
  for (let b = 0; b < items.length; b += CLS_BATCH) {
    const batch = items.slice(b, b + CLS_BATCH);
    const size = 3 * REC_HEIGHT * CLS_W;
    const input = new Float32Array(size * batch.length);
    batch.forEach((it, k) => fillTensor(input, k * size, strips[it.strip], CLS_W, Math.min(CLS_W, it.span), it.x0, it.span));
    const res = await models.cls.run({ [models.cls.inputNames[0]]: new ort.Tensor("float32", input, [batch.length, 3, REC_HEIGHT, CLS_W]) });
    const p = res[models.cls.outputNames[0]].data as Float32Array;
    batch.forEach((it, k) => {
      sum[it.strip] += p[k * 2 + 1];
      count[it.strip]++;
    });
  }
  return sum.map((v, i) => (count[i] ? v / count[i] : 0));
}

/** Turns strips the classifier finds upside down (probability above `threshold`). */
export async function uprightStrips(models: Models, strips: Strip[], threshold = 0.9, maxSqueeze = CLS_MAX_SQUEEZE): Promise<{ strips: Strip[]; flipped: boolean[] }> {
  const p = await classifyDirection(models, strips, maxSqueeze);
  const flipped = p.map((v) => v > threshold);
  return { strips: strips.map((s, i) => (flipped[i] ? flipStrip(s) : s)), flipped };
}

export interface RecognizeOptions {
  /** narrowest input; narrower strips are padded (default REC_MIN_WIDTH) */
  minWidth?: number;
  /** strips per model call (default REC_BATCH) */
  batch?: number;
}

/** Recognises strips (any width, height REC_HEIGHT). */
export async function recognizeStrips(models: Models, strips: RgbImage[], topK = 3, opts: RecognizeOptions = {}): Promise<CtcResult[]> {
  const minWidth = opts.minWidth ?? REC_MIN_WIDTH;
  const batch = opts.batch ?? REC_BATCH;
  const order = strips.map((s, i) => i).sort((a, b) => strips[a].width - strips[b].width);
  const results: CtcResult[] = new Array(strips.length);
  for (let b = 0; b < order.length; b += batch) {
    const idx = order.slice(b, b + batch);
    const maxW = Math.max(...idx.map((i) => strips[i].width));
    const W = Math.max(minWidth, Math.ceil(maxW / 8) * 8);
    const size = 3 * REC_HEIGHT * W;
    const input = new Float32Array(size * idx.length);
    idx.forEach((i, k) => fillTensor(input, k * size, strips[i], W));
    const res = await models.rec.run({ [models.rec.inputNames[0]]: new ort.Tensor("float32", input, [idx.length, 3, REC_HEIGHT, W]) });
    const t = res[models.rec.outputNames[0]];
    const [, steps, classes] = t.dims as number[];
    const probs = t.data as Float32Array;
    idx.forEach((i, k) => {
      results[i] = ctcDecode(probs, k * steps * classes, steps, classes, models.charset, topK);
    });
  }
  return results;
}
