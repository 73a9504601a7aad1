/**
 * The general OCR pipeline on one decoded page: detect → crop → classify
 * direction → recognise → order, with page-orientation search (90/180/270°)
 * when the first pass read with low confidence and most boxes were vertical or upside down.
 */
import type { Models } from "./models";
import { detectText, type DetectOptions } from "./detect";
import { cropArc, cropQuad, type Strip } from "./crop";
import { redInk, withSealArcs } from "./seal";
import { recognizeStrips, uprightStrips, type RecognizeOptions } from "./recognize";
import type { DecodedChar } from "./ctc";
import { rotateImage, unrotatePoint, type QuarterTurns, type RgbImage } from "./image";
import type { Quad } from "./geometry";
import { orderLines } from "./order";

export interface PageLine {
  text: string;
  confidence: number;
  /** LT, RT, RB, LB of the text as read, in the original image's pixels */
  quad: Quad;
  chars: DecodedChar[];
}

export interface OcrOptions {
  /** Search 90/180/270° page rotations (default true). */
  orientation?: boolean;
  detect?: DetectOptions;
  rec?: RecognizeOptions;
  /** REREAD_BELOW and CLS_MAX_SQUEEZE for one call (bench/sweep-engine.ts sweeps them). */
  rereadBelow?: number;
  clsMaxSqueeze?: number;
  /** Re-read strips flipped against most of their page (default true; off only to measure it). */
  rereadAgainstPage?: boolean;
  /** Look for red seals' rim lines on the page's red ink (default true; bench/sweep-engine.ts arc turns it off). */
  seals?: boolean;
}

interface Pass {
  turns: QuarterTurns;
  lines: PageLine[];
  /** character-weighted share of boxes that were tall (turned) / upside down */
  verticalShare: number;
  flippedShare: number;
  /** of the tall boxes, the character-weighted share the classifier turned by 180° */
  turnedFlippedShare: number;
  score: number;
  meanConfidence: number;
}

/**
 * A flipped strip reading below this confidence is read unflipped as well.
 * Rendered tuning half: the wrongly flipped long lines of 156-dense.png read
 * at 0.00, the right readings at ≥ 0.99; 0.8 is a margin between the two. Swept
 * with CLS_MAX_SQUEEZE (bench/sweep-engine.ts strips, bench/results/sweep-strips.txt):
 * 0, 0.5, 0.8 and 0.95 all read 0.9954 strict and forgiving, 251 of 251 lines, on 16
 * dense and screenshot pages of the tuning half; 0.8 is kept, the half does not tell them apart.
 */
const REREAD_BELOW = 0.8;

/**
 * General OCR's detection thresholds (DB binarisation, mean box score), chosen with
 * bench/sweep-engine.ts det on the rendered TUNING half (bench/results/sweep-det.txt):
 * 26 images of every kind, strict/forgiving 0.9954/0.9955 at PaddleOCR's 0.3/0.6 →
 * 0.9955/0.9956 at 0.1 (box 0.6, 0.4 alike); 24 faint ones (low-contrast, small,
 * transparent, light-on-dark) 0.9929 → 0.9931 at 0.1, box 0.6/0.4/0.3 alike. No line
 * lost at any setting; the box score drops nothing the tuning half shows worth dropping,
 * so the lowest swept (0.3) is kept. Raw @gutenye/ocr-node binarises at 0.03 with no box score.
 * Plate and ID-card readers keep the detector's own defaults they were tuned with.
 */
export const DET_THRESH = 0.1;
export const DET_BOX_THRESH = 0.3;

/** First passes at or above this mean confidence skip the orientation search. */
const ORIENTATION_CONFIDENCE = 0.93;

/** Recognises every text line of a page. */
export async function ocrPage(models: Models, img: RgbImage, opts: OcrOptions = {}): Promise<PageLine[]> {
  const first = await readPass(models, img, 0, opts);
  if (opts.orientation === false) return first.lines;
  // A confident first pass is kept: tall boxes are already read turned and
  // upside-down ones flipped, so another pass can win (by 15%) only when much
  // of the page read poorly. Measured: on the corpus and on rendered pages
  // turned 90/180/270° no extra pass ever won after a first pass at ≥ 0.94
  // mean confidence (scores within ±5%), yet 4 of 26 corpus images paid for one.
  if (first.meanConfidence >= ORIENTATION_CONFIDENCE) return first.lines;
  const tries: QuarterTurns[] = [];
  // Tall boxes are turned counter-clockwise before reading; if the classifier then
  // finds most of them upside down the page was turned counter-clockwise (needs 1
  // quarter turn clockwise), otherwise clockwise (needs 3). One extra pass, not two.
  if (first.verticalShare > 0.5) tries.push(first.turnedFlippedShare > 0.5 ? 1 : 3);
  if (first.flippedShare > 0.5) tries.push(2);
  let best = first;
  for (const t of tries) {
    const pass = await readPass(models, img, t, opts);
    if (pass.score > best.score * 1.15) best = pass;
  }
  return best.lines;
}

async function readPass(models: Models, original: RgbImage, turns: QuarterTurns, opts: OcrOptions): Promise<Pass> {
  const img = rotateImage(original, turns);
  const detect: DetectOptions = { limitArea: 960 * 960, rescale: true, thresh: DET_THRESH, boxThresh: DET_BOX_THRESH, arcs: true, ...opts.detect };
  let boxes = await detectText(models, img, detect);
  // A red seal's rim line is found on the page's red ink alone (lib/engine/seal.ts) and read from it.
  const ink = detect.arcs && opts.seals !== false ? redInk(img) : null;
  let fromInk = boxes.map(() => false);
  if (ink) ({ boxes, fromInk } = withSealArcs(img, boxes, await detectText(models, ink, detect)));
  const strips = boxes.map((b, i) => (b.arc ? cropArc(fromInk[i] && ink ? ink : img, b.arc, b.quad) : cropQuad(img, b.quad)));
  const { strips: upright, flipped } = await uprightStrips(models, strips, 0.9, opts.clsMaxSqueeze);
  const recs = await recognizeStrips(models, upright, 3, opts.rec);
  // A strip the classifier turned that then reads poorly is read as it was too,
  // keeping the better reading: a wrong flip otherwise loses the whole line. So is
  // one turned against most of its page (by strip width): a page's lines share one
  // orientation, and a short word upside down looks like another word (Nod → PON).
  const widths = strips.map((s) => s.width);
  const flippedWidth = widths.reduce((t, w, i) => t + (flipped[i] ? w : 0), 0);
  const againstPage = opts.rereadAgainstPage !== false && flippedWidth < widths.reduce((t, w) => t + w, 0) / 2;
  const doubtful = recs.map((r, i) => (flipped[i] && (againstPage || r.confidence < (opts.rereadBelow ?? REREAD_BELOW)) ? i : -1)).filter((i) => i >= 0);
  if (doubtful.length) {
    const again = await recognizeStrips(models, doubtful.map((i) => strips[i]), 3, opts.rec);
    doubtful.forEach((i, k) => {
      if (again[k].confidence > recs[i].confidence) {
        recs[i] = again[k];
        upright[i] = strips[i];
        flipped[i] = false;
      }
    });
  }
  let lines: PageLine[] = recs.map((r, i) => ({
    text: r.text,
    confidence: r.confidence,
    quad: upright[i].quad,
    chars: r.chars,
  }));
  let weight = 0, vertical = 0, flips = 0, turnedFlips = 0;
  strips.forEach((s: Strip, i) => {
    const n = Math.max(1, lines[i].text.length);
    weight += n;
    if (s.turned) vertical += n;
    if (flipped[i]) flips += n;
    if (flipped[i] && s.turned) turnedFlips += n;
  });
  // Every line with text is returned with its confidence, however low: dropping
  // below 0.5 (PaddleOCR's drop_score) lost whole lines the recogniser had read
  // right at 0.3–0.5 and, extra text costing nothing in either metric, gained nothing.
  lines = lines.filter((l) => l.text.trim() !== "");
  // The orientation search judges a pass by its confident lines (≥ 0.5, as when
  // weaker ones were dropped), so ORIENTATION_CONFIDENCE keeps its meaning.
  const sure = lines.filter((l) => l.confidence >= 0.5);
  const chars = sure.reduce((s, l) => s + l.text.length, 0);
  const score = sure.reduce((s, l) => s + l.text.length * l.confidence * l.confidence, 0);
  lines = orderLines(lines);
  const mapped = turns === 0 ? lines : lines.map((l) => ({ ...l, quad: l.quad.map(([x, y]) => unrotatePoint(x, y, turns, original.width, original.height)) as Quad }));
  return {
    turns,
    lines: mapped,
    verticalShare: weight ? vertical / weight : 0,
    flippedShare: weight ? flips / weight : 0,
    turnedFlippedShare: vertical ? turnedFlips / vertical : 0,
    score,
    meanConfidence: chars ? sure.reduce((s, l) => s + l.text.length * l.confidence, 0) / chars : 0,
  };
}
