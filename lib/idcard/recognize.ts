/** The ID-card API's per-image result (manual 4.2): side, eight fields, portrait, risk. */
import { EngineError, type IdcardResult } from "../engine/types";
import { decodeImage, type RawImage } from "../plate/ocr/image";
import { parseCard, type ParsedCard } from "./fields";
import { uprightPage, type UprightPage } from "./orient";
import { cardFrame, cropFace, frameBounds } from "./face";
import { classifyRisk, measureRisk } from "./risk";

const cardScore = (p: ParsedCard) => (p.hasBack ? 2 : 0) + (p.hasFront ? 2 : 0) + Object.values(p.detail).filter(Boolean).length * 0.5;

export async function readCard(img: RawImage): Promise<{ page: UprightPage; parsed: ParsedCard }> {
  let page = await uprightPage(img);
  let parsed = parseCard(page.lines);
  if (!parsed.hasBack && !parsed.hasFront) {
    // second opinion: the half turn the classifier rejected
    const alt = await uprightPage(img, (page.quarter + 2) % 4);
    const altParsed = parseCard(alt.lines);
    if (cardScore(altParsed) > cardScore(parsed)) { page = alt; parsed = altParsed; }
  }
  return { page, parsed };
}

export async function recognizeIdcard(input: Buffer | RawImage): Promise<IdcardResult> {
  const img = Buffer.isBuffer(input) ? await decodeImage(input) : input;
  const { page, parsed } = await readCard(img);
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
