/** The ID-card API's per-image result (manual 4.2): side, eight fields, portrait, risk. */
import { EngineError, type IdcardResult } from "../engine/types";
import { openPage, type PageContext } from "../engine/context";
import type { RgbImage } from "../engine/image";
import { charChoices } from "../engine/ctc";
import type { Quad } from "../engine/geometry";
import { parseCard, type CardLine, type ParsedCard } from "./fields";
import { uprightPage, type UprightPage } from "./orient";
import { cardFrame, cropFace, frameBounds } from "./face";
import { classifyRisk, measureRisk } from "./risk";

const cardScore = (p: ParsedCard) => (p.hasBack ? 2 : 0) + (p.hasFront ? 2 : 0) + Object.values(p.detail).filter(Boolean).length * 0.5;

/** How far right of a blank label its value may reach, in label heights (柯尔克孜 is four characters). */
const BLANK_REACH = 4.5;

/**
 * Reads the place right of each label that came out without a value (see ParsedCard.blanks)
 * as one more line of the card: the detector misses a lone character now and then (rendered
 * tuning half: card-0048's nation 水 had no box at all).
 */
async function readBlanks(ctx: PageContext, page: UprightPage, blanks: ParsedCard["blanks"]): Promise<CardLine[]> {
  const c = Math.cos(page.skew), s = Math.sin(page.skew);
  // back from the card's de-skewed frame (orient.ts) to the upright image's pixels
  const toImage = (x: number, y: number): [number, number] => [x * c - y * s, x * s + y * c];
  const areas = blanks.map(({ line, xEnd }) => {
    const h = line.y1 - line.y0;
    const x0 = line.x1 + 0.15 * h, x1 = Math.min(xEnd - 0.15 * h, line.x1 + BLANK_REACH * h);
    return { x0, x1, y0: line.y0 - 0.1 * h, y1: line.y1 + 0.1 * h };
  }).filter((a) => a.x1 - a.x0 > (a.y1 - a.y0) * 0.6);
  if (!areas.length) return [];
  const quads = areas.map((a) => [toImage(a.x0, a.y0), toImage(a.x1, a.y0), toImage(a.x1, a.y1), toImage(a.x0, a.y1)] as Quad);
  const reads = await ctx.recognizeQuads(quads, { img: page.img, classify: false, keepVertical: true, topK: 5, minWidth: 16 });
  return reads.flatMap((r, i) => (/[\u4e00-\u9fff]/.test(r.text) && r.confidence >= 0.5 ? [{ text: r.text, score: r.confidence, chars: charChoices(r.chars), ...areas[i] }] : []));
}

export async function readCard(ctx: PageContext): Promise<{ page: UprightPage; parsed: ParsedCard }> {
  let page = await uprightPage(ctx);
  let parsed = parseCard(page.lines);
  if (!parsed.hasBack && !parsed.hasFront) {
    // second opinion: the half turn the classifier rejected
    const alt = await uprightPage(ctx, (page.quarter + 2) % 4);
    const altParsed = parseCard(alt.lines);
    if (cardScore(altParsed) > cardScore(parsed)) { page = alt; parsed = altParsed; }
  }
  if (parsed.hasBack && parsed.blanks.length) {
    const extra = await readBlanks(ctx, page, parsed.blanks);
    if (extra.length) {
      const lines = [...page.lines, ...extra].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
      page = { ...page, lines };
      parsed = parseCard(lines);
    }
  }
  return { page, parsed };
}

/**
 * The ID-card API's per-image result. The engine's worker passes its page
 * context; direct callers may pass file bytes or decoded pixels.
 */
export async function recognizeIdcard(input: PageContext | Buffer | RgbImage): Promise<IdcardResult> {
  const { page, parsed } = await readCard(await openPage(input, { checkDimensions: false }));
  if (!parsed.hasBack && !parsed.hasFront) throw new EngineError("no_idcard", "no ID card found in the image");
  const frame = cardFrame(page.lines);
  const bounds = frame ? frameBounds(frame, page.skew) : undefined;
  const risk = classifyRisk(measureRisk(page.img, bounds));
  const note = parsed.hasBack ? "back" : "front";
  const idcard_face = note === "back" && frame ? await cropFace(page.img, frame, page.skew) : "no face";
  const result: IdcardResult = { note, detail: parsed.detail, idcard_face, demo_image: "demo_image", risk };
  if (parsed.warnings.length) result.warnings = parsed.warnings;
  return result;
}
