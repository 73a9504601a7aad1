/** Finds and reads every plate in a photo: candidates → crop → CTC alternatives → grammar → colour. */
import type { PlateItem, PlateResult } from "../engine/types";
import { colourCandidates, growQuad, textCandidates, type Candidate } from "./candidates";
import { colourShares, isPlateBackground, plateColours, plateTypeFromColours, type ColourShares } from "./colour";
import { decodePlate, type PlateReading } from "./grammar";
import { detectText } from "./ocr/det";
import { decodeImage, quadBounds, quadHeight, quadWidth, warpQuad, type Quad, type RawImage } from "./ocr/image";
import { recognizeCrop, recognizeQuad, type CharChoices } from "./ocr/rec";

export interface PlateFound extends PlateReading {
  quad: Quad;
  type: PlateItem["plate_type"];
  shares: ColourShares;
  source: Candidate["source"];
}

const MIN_CONFIDENCE = 0.6;

function plateColourEvidence(s: ColourShares): number {
  return Math.max(s.blue, s.yellow, s.green);
}

async function readRows(img: RawImage, top: Quad, bottom: Quad): Promise<CharChoices[]> {
  const a = await recognizeQuad(img, top);
  const b = await recognizeQuad(img, bottom);
  return [...a.chars, ...b.chars];
}

/** Reads one candidate; two-row plates are read top row first. */
async function readCandidate(img: RawImage, c: Candidate): Promise<PlateReading | null> {
  if (c.rows) return decodePlate(await readRows(img, c.rows[0], c.rows[1]));
  const w = quadWidth(c.quad), h = quadHeight(c.quad);
  let single = decodePlate((await recognizeQuad(img, c.quad)).chars);
  if (c.source === "text" && c.det) {
    // the detector's own box sometimes reads better than the grown one (edge characters)
    const tight = decodePlate((await recognizeQuad(img, c.det)).chars);
    if (tight && (!single || tight.confidence > single.confidence)) single = tight;
  }
  if (c.source === "text" || w / h > 3.2) return single;
  // a squarish coloured region may be a two-row plate: upper ~35%, lower ~65%
  const q = c.quad;
  const lerp = (p: [number, number], r: [number, number], t: number): [number, number] => [p[0] + (r[0] - p[0]) * t, p[1] + (r[1] - p[1]) * t];
  const l1 = lerp(q[0], q[3], 0.36), r1 = lerp(q[1], q[2], 0.36);
  const topQ: Quad = [lerp(q[0], q[1], 0.18), lerp(q[0], q[1], 0.82), lerp(l1, r1, 0.82), lerp(l1, r1, 0.18)];
  const botQ: Quad = [l1, r1, q[2], q[3]];
  const two = decodePlate(await readRows(img, topQ, botQ));
  if (!single) return two;
  if (!two) return single;
  return two.confidence > single.confidence ? two : single;
}

function overlap(a: Quad, b: Quad): number {
  const A = quadBounds(a), B = quadBounds(b);
  const iw = Math.max(0, Math.min(A.x1, B.x1) - Math.max(A.x0, B.x0));
  const ih = Math.max(0, Math.min(A.y1, B.y1) - Math.max(A.y0, B.y0));
  const areaA = (A.x1 - A.x0) * (A.y1 - A.y0), areaB = (B.x1 - B.x0) * (B.y1 - B.y0);
  return (iw * ih) / Math.max(1, Math.min(areaA, areaB));
}

export async function findPlates(img: RawImage): Promise<PlateFound[]> {
  const long = Math.max(img.width, img.height);
  const cands: Candidate[] = [];
  const aspect = img.width / img.height;
  if (img.width <= 400 && aspect >= 1.5 && aspect <= 6) {
    // a tight crop of one plate
    const W = img.width, H = img.height;
    cands.push({ quad: [[0, 0], [W, 0], [W, H], [0, H]], source: "whole" });
  }
  const boxes = await detectText(img, { maxSide: Math.min(1600, Math.max(960, long)), boxThresh: 0.5 });
  cands.push(...textCandidates(boxes));
  cands.push(...colourCandidates(img));

  const found: PlateFound[] = [];
  for (const c of cands) {
    const r = await readCandidate(img, c);
    if (!r || r.bodyConfidence < MIN_CONFIDENCE || r.confidence < 0.4) continue;
    const b = quadBounds(c.quad);
    const shares = colourShares(img, b);
    const crop = warpQuad(img, c.quad, 160, c.rows || quadWidth(c.quad) / quadHeight(c.quad) < 2.6 ? 80 : 48);
    const colours = plateColours(crop);
    if (!isPlateBackground(colours)) continue; // plate-like text on a sign or a painted body
    const type = plateTypeFromColours(colours, r.text);
    found.push({ ...r, quad: c.quad, type, shares, source: c.source });
  }
  // strongest first; overlapping readings of the same place collapse into one
  const score = (f: PlateFound) => f.confidence + 0.3 * plateColourEvidence(f.shares) - (f.source === "two-row" ? 0.05 : 0);
  found.sort((a, b) => score(b) - score(a));
  const kept: PlateFound[] = [];
  for (const f of found) {
    if (kept.some((k) => overlap(k.quad, f.quad) > 0.3)) continue;
    kept.push(f);
  }
  return kept;
}

export function toPlateItem(f: PlateFound, img: RawImage): PlateItem {
  const clamp = (v: number, m: number) => Math.max(0, Math.min(m, Math.round(v)));
  const box = f.quad.map(([x, y]) => [clamp(x, img.width - 1), clamp(y, img.height - 1)]) as PlateItem["box"];
  const confidence = Math.round(Math.min(1, Math.max(0, f.confidence)) * 1000) / 1000;
  return { box, plate_type: f.type, plate_license: f.text, platelicense: f.text, confidence };
}

/** The plate API's per-image result (manual 4.3). */
export async function recognizePlates(input: Buffer | RawImage): Promise<PlateResult> {
  const img = Buffer.isBuffer(input) ? await decodeImage(input) : input;
  const found = await findPlates(img);
  const detail = found.map((f) => toPlateItem(f, img));
  return { "number of plate licenses": detail.length, detail };
}

export { growQuad, warpQuad, recognizeCrop };
