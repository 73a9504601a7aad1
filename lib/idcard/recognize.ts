/** The ID-card API's per-image result (manual 4.2): side, eight fields, portrait, risk. */
import { EngineError, type IdcardResult } from "../engine/types";
import { openPage, type PageContext } from "../engine/context";
import type { RgbImage } from "../engine/image";
import { parseCard, type ParsedCard } from "./fields";
import { uprightPage, type UprightPage } from "./orient";
import { cardFrame, cropFace, frameBounds } from "./face";
import { classifyRisk, measureRisk } from "./risk";

const cardScore = (p: ParsedCard) => (p.hasBack ? 2 : 0) + (p.hasFront ? 2 : 0) + Object.values(p.detail).filter(Boolean).length * 0.5;

export async function readCard(ctx: PageContext): Promise<{ page: UprightPage; parsed: ParsedCard }> {
  let page = await uprightPage(ctx);
  let parsed = parseCard(page.lines);
  if (!parsed.hasBack && !parsed.hasFront) {
    // second opinion: the half turn the classifier rejected
    const alt = await uprightPage(ctx, (page.quarter + 2) % 4);
    const altParsed = parseCard(alt.lines);
    if (cardScore(altParsed) > cardScore(parsed)) { page = alt; parsed = altParsed; }
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
