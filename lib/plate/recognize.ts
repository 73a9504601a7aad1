/** Finds and reads every plate in a photo: candidates → crop → CTC alternatives → grammar → colour. */
import type { PlateItem, PlateResult } from "../engine/types";
import { openPage, type PageContext } from "../engine/context";
import { charChoices, type CharChoices } from "../engine/ctc";
import { warpQuad } from "../engine/crop";
import { quadBox as quadBounds, quadHeight, quadWidth, type Quad } from "../engine/geometry";
import type { RgbImage } from "../engine/image";
import { colourCandidates, growQuad, textCandidates, upperRowQuad, type Candidate } from "./candidates";
import { colourShares, isPlateBackground, plateColours, plateTypeFromColours, colourFitsText, type ColourShares } from "./colour";
import { cleanChoices, decodePlate, PROVINCES, type PlateReading } from "./grammar";

export interface PlateFound extends PlateReading {
  quad: Quad;
  type: PlateItem["plate_type"];
  shares: ColourShares;
  source: Candidate["source"];
}

const MIN_CONFIDENCE = 0.6;
/** Recognition as the grammar wants it: quads read as given (never turned or flipped), five alternatives, no padding to 320 px. */
const READ = { classify: false, keepVertical: true, topK: 5, minWidth: 16 } as const;

function plateColourEvidence(s: ColourShares): number {
  return Math.max(s.blue, s.yellow, s.green);
}

/** Per-character alternatives of each quad, read in one call. */
async function readQuads(page: PageContext, quads: Quad[]): Promise<CharChoices[][]> {
  const r = await page.recognizeQuads(quads, READ);
  return r.map((x) => charChoices(x.chars));
}

/** Reads one candidate; two-row plates are read top row first. */
async function readCandidate(page: PageContext, c: Candidate): Promise<(PlateReading & { quad?: Quad }) | null> {
  if (c.rows) {
    const [top, bottom] = await readQuads(page, c.rows);
    return decodePlate([...top, ...bottom]);
  }
  const w = quadWidth(c.quad), h = quadHeight(c.quad);
  const reads = await readQuads(page, [c.quad]);
  let single = decodePlate(reads[0]);
  if (single && c.source === "text" && c.det) {
    // the detector's own box sometimes reads better than the grown one (edge characters); it
    // is read only when the grown box reads a plate. Rendered tuning half: of 683 text boxes
    // read both ways, the 469 whose grown box read no plate read none from the tight box
    // either, and the tight box never read other characters than the grown one (only a
    // surer reading of them, 113 times)
    const [tightChars] = await readQuads(page, [c.det]);
    const tight = decodePlate(tightChars);
    if (tight && tight.confidence > single.confidence) single = tight;
  }
  const lower = cleanChoices(reads[0]);
  if (!single && c.source === "text" && c.det && (lower.length === 5 || lower.length === 6) && !PROVINCES.includes(lower[0][0].char)) {
    // five or six characters that do not start with a province: the lower row of a two-row plate
    // whose upper row the detector missed; read the band above it (UPPER_ROW) as the upper row
    const [top, bottom] = await readQuads(page, [growQuad(upperRowQuad(c.det), 0.2, 0.06), growQuad(c.det, 0.2, 0.06)]);
    const two = decodePlate([...top, ...bottom]);
    if (two) return { ...two, quad: joinQuads(upperRowQuad(c.det), c.quad) };
  }
  if (!single && c.source === "text" && lower.length === 6) {
    // six characters and no plate: the red last character (领 on a black consulate plate) is
    // often not in the detector's box at all; read on by RED_SUFFIX heights to the right.
    // Rendered tuning half: plate-0410 (black consulate, street) read 川D5778 and no plate before.
    const [longer] = await readQuads(page, [growRight(c.quad, RED_SUFFIX)]);
    single = decodePlate(longer);
  }
  if (c.source === "text" || w / h > 3.2) return single;
  // a squarish coloured region may be a two-row plate: upper ~35%, lower ~65%
  const q = c.quad;
  const lerp = (p: [number, number], r: [number, number], t: number): [number, number] => [p[0] + (r[0] - p[0]) * t, p[1] + (r[1] - p[1]) * t];
  const l1 = lerp(q[0], q[3], 0.36), r1 = lerp(q[1], q[2], 0.36);
  const topQ: Quad = [lerp(q[0], q[1], 0.18), lerp(q[0], q[1], 0.82), lerp(l1, r1, 0.82), lerp(l1, r1, 0.18)];
  const botQ: Quad = [l1, r1, q[2], q[3]];
  const [top, bottom] = await readQuads(page, [topQ, botQ]);
  const two = decodePlate([...top, ...bottom]);
  if (!single) return two;
  if (!two) return single;
  return two.confidence > single.confidence ? two : single;
}

/** The upper row's quad and the lower row's, as one: upper row's top edge, lower row's bottom edge. */
function joinQuads(top: Quad, bottom: Quad): Quad {
  return [top[0], top[1], bottom[2], bottom[3]];
}

/** How far (in box heights) a six-character reading is extended to the right for its suffix. */
const RED_SUFFIX = 1.1;

/** The quad lengthened to the right along its own direction by `k` of its height. */
function growRight(q: Quad, k: number): Quad {
  const w = quadWidth(q) || 1, e = k * quadHeight(q);
  const ux = ((q[1][0] - q[0][0]) / w) * e, uy = ((q[1][1] - q[0][1]) / w) * e;
  return [q[0], [q[1][0] + ux, q[1][1] + uy], [q[2][0] + ux, q[2][1] + uy], q[3]];
}

function overlap(a: Quad, b: Quad): number {
  const A = quadBounds(a), B = quadBounds(b);
  const iw = Math.max(0, Math.min(A.x1, B.x1) - Math.max(A.x0, B.x0));
  const ih = Math.max(0, Math.min(A.y1, B.y1) - Math.max(A.y0, B.y0));
  const areaA = (A.x1 - A.x0) * (A.y1 - A.y0), areaB = (B.x1 - B.x0) * (B.y1 - B.y0);
  return (iw * ih) / Math.max(1, Math.min(areaA, areaB));
}

export async function findPlates(page: PageContext): Promise<PlateFound[]> {
  const img = page.image;
  const long = Math.max(img.width, img.height);
  const cands: Candidate[] = [];
  const aspect = img.width / img.height;
  if (img.width <= 400 && aspect >= 1.5 && aspect <= 6) {
    // a tight crop of one plate
    const W = img.width, H = img.height;
    cands.push({ quad: [[0, 0], [W, 0], [W, H], [0, H]], source: "whole" });
  }
  // plates are small: up to 1600 px for the detector, and small crops enlarged only to 320
  const boxes = await page.detect(img, { limitSide: Math.min(1600, Math.max(960, long)), minSide: 320, boxThresh: 0.5 });
  cands.push(...textCandidates(boxes));
  // a plate-coloured blob that no text box touches is not read: rendered tuning half, 244 of
  // the 456 blobs read had no text box overlapping them and none read a plate (every blob that
  // read one had a text box covering at least half of the smaller of the two)
  cands.push(...colourCandidates(img).filter((c) => boxes.some((b) => overlap(b.quad, c.quad) > 0)));

  const found: PlateFound[] = [];
  for (const c of cands) {
    // the background first: it does not depend on the reading, and a candidate on a sign or a
    // painted body (not a plate's colour) is not read at all
    const crop = warpQuad(img, c.quad, 160, c.rows || quadWidth(c.quad) / quadHeight(c.quad) < 2.6 ? 80 : 48);
    const colours = plateColours(crop);
    if (!isPlateBackground(colours)) continue; // plate-like text on a sign or a painted body
    const r = await readCandidate(page, c);
    if (!r || r.bodyConfidence < MIN_CONFIDENCE || r.confidence < 0.4) continue;
    const b = quadBounds(c.quad);
    const shares = colourShares(img, b);
    const type = plateTypeFromColours(colours, r.text);
    // colour and characters as GA 36 pairs them: green only with the 8-character new-energy
    // formats in dark characters, white and black only with their markers (警 WJ 应急, 港 澳 领 使)
    if (!colourFitsText(type, r.text, r.template.startsWith("new energy"), colours)) continue;
    const { quad = c.quad, ...reading } = r;
    found.push({ ...reading, quad, type, shares, source: c.source });
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

export function toPlateItem(f: PlateFound, img: RgbImage): PlateItem {
  const clamp = (v: number, m: number) => Math.max(0, Math.min(m, Math.round(v)));
  const box = f.quad.map(([x, y]) => [clamp(x, img.width - 1), clamp(y, img.height - 1)]) as PlateItem["box"];
  const confidence = Math.round(Math.min(1, Math.max(0, f.confidence)) * 1000) / 1000;
  return { box, plate_type: f.type, plate_license: f.text, platelicense: f.text, confidence };
}

/**
 * The plate API's per-image result (manual 4.3). The engine's worker passes
 * its page context; direct callers may pass file bytes or decoded pixels.
 */
export async function recognizePlates(input: PageContext | Buffer | RgbImage): Promise<PlateResult> {
  const page = await openPage(input, { checkDimensions: false });
  const found = await findPlates(page);
  const detail = found.map((f) => toPlateItem(f, page.image));
  return { "number of plate licenses": detail.length, detail };
}
