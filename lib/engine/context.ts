/**
 * The primitives other recognisers (lib/idcard, lib/plate) build on, bound to
 * the engine's loaded models: one decoded page, its text boxes, recognition
 * of arbitrary (rotated) quads or ready crops with per-character alternatives,
 * and the full general OCR of the page.
 */
import type { Models } from "./models";
import type { RgbImage } from "./image";
import type { Quad } from "./geometry";
import { detectText, type DetectedBox, type DetectOptions } from "./detect";
import { cropQuad, REC_HEIGHT } from "./crop";
import { classifyDirection, recognizeStrips, uprightStrips } from "./recognize";
import type { CtcResult } from "./ctc";
import { ocrPage, type OcrOptions, type PageLine } from "./page";
import { resizeRgb } from "./detect";
import { sharedModels } from "./models";
import { decodeImage, type DecodeOptions } from "./decode";

export interface QuadReading extends CtcResult {
  /** the quad as read (LT RT RB LB of the text, after any turn or flip) */
  quad: Quad;
  /** the direction classifier turned the crop by 180° */
  flipped: boolean;
}

export interface RecognizeQuadOptions {
  /** run the 0°/180° classifier first (default true) */
  classify?: boolean;
  /** keep a tall quad upright instead of turning it (default false) */
  keepVertical?: boolean;
  /** alternatives kept per character (default 3) */
  topK?: number;
  /** narrowest recogniser input; narrower strips are padded (default REC_MIN_WIDTH, 320 px) */
  minWidth?: number;
}

export interface PageContext {
  /** the decoded, EXIF-upright image */
  readonly image: RgbImage;
  /** general OCR of the page (computed once, then cached) */
  lines(opts?: OcrOptions): Promise<PageLine[]>;
  /** text boxes of `img` (default: the page) */
  detect(img?: RgbImage, opts?: DetectOptions): Promise<DetectedBox[]>;
  /** recognises quads of `img` (default: the page) */
  recognizeQuads(quads: Quad[], opts?: RecognizeQuadOptions & { img?: RgbImage }): Promise<QuadReading[]>;
  /** recognises ready crops (any size; each is scaled to the recogniser's 48-px height) */
  recognizeCrops(crops: RgbImage[], topK?: number, opts?: { minWidth?: number }): Promise<CtcResult[]>;
  /** the direction classifier's probability that each quad's text is upside down (quads kept as given, never turned) */
  upsideDown(quads: Quad[], opts?: { img?: RgbImage }): Promise<number[]>;
}

export function createPageContext(models: Models, image: RgbImage): PageContext {
  let cached: Promise<PageLine[]> | null = null;
  return {
    image,
    lines(opts?: OcrOptions) {
      if (opts) return ocrPage(models, image, opts);
      cached ??= ocrPage(models, image);
      return cached;
    },
    detect(img = image, opts?: DetectOptions) {
      return detectText(models, img, opts);
    },
    async recognizeQuads(quads, opts = {}) {
      const img = opts.img ?? image;
      const strips = quads.map((q) => cropQuad(img, q, REC_HEIGHT, opts.keepVertical ?? false));
      const { strips: up, flipped } = opts.classify === false ? { strips, flipped: strips.map(() => false) } : await uprightStrips(models, strips);
      const recs = await recognizeStrips(models, up, opts.topK ?? 3, { minWidth: opts.minWidth });
      return recs.map((r, i) => ({ ...r, quad: up[i].quad, flipped: flipped[i] }));
    },
    async recognizeCrops(crops, topK = 3, opts = {}) {
      const strips = await Promise.all(
        crops.map((c) => (c.height === REC_HEIGHT ? c : resizeRgb(c, Math.max(1, Math.round((c.width * REC_HEIGHT) / c.height)), REC_HEIGHT))),
      );
      return recognizeStrips(models, strips, topK, { minWidth: opts.minWidth });
    },
    upsideDown(quads, opts = {}) {
      const img = opts.img ?? image;
      return classifyDirection(models, quads.map((q) => cropQuad(img, q, REC_HEIGHT, true)));
    },
  };
}

/**
 * A page context for a recogniser called directly (tests, benchmarks, scripts)
 * rather than by the engine's worker: file bytes are decoded, pixels used as
 * they are, the process-wide models loaded on first use. A context passes through.
 */
export async function openPage(input: Buffer | RgbImage | PageContext, decode: DecodeOptions = {}): Promise<PageContext> {
  if (Buffer.isBuffer(input)) return createPageContext(await sharedModels(), await decodeImage(input, decode));
  if ("recognizeQuads" in input) return input;
  return createPageContext(await sharedModels(), input);
}
