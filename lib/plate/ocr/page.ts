/** Whole-image OCR: detect, straighten each box, recognise. Lines sorted top-to-bottom. */
import { detectText, type DetOptions } from "./det";
import { recognizeQuad, type CharChoices } from "./rec";
import { quadCenter, quadHeight, quadWidth, type Quad, type RawImage } from "./image";

export interface OcrLine {
  text: string;
  quad: Quad;
  score: number;
  chars: CharChoices[];
  pos: number[];
}

export async function ocrLines(img: RawImage, opt: DetOptions = {}): Promise<OcrLine[]> {
  const boxes = await detectText(img, opt);
  const lines: OcrLine[] = [];
  for (const b of boxes) {
    if (quadWidth(b.quad) < quadHeight(b.quad) * 0.6) continue; // vertical text: not used by cards/plates
    const r = await recognizeQuad(img, b.quad);
    if (!r.text) continue;
    lines.push({ text: r.text, quad: b.quad, score: r.score, chars: r.chars, pos: r.pos });
  }
  lines.sort((a, b) => quadCenter(a.quad)[1] - quadCenter(b.quad)[1] || quadCenter(a.quad)[0] - quadCenter(b.quad)[0]);
  return lines;
}
