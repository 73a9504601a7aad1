/** The manual's 通用型 OCR result (4.1) from recognised page lines. */
import type { GeneralLine, GeneralResult } from "./types";
import type { PageLine } from "./page";

const round = (v: number) => Math.round(v * 1e4) / 1e4;

export function toGeneralResult(lines: PageLine[]): GeneralResult {
  const detail: GeneralLine[] = lines.map((l, i) => ({
    name: String(i),
    text: l.text,
    box: l.quad.flatMap(([x, y]) => [round(x), round(y)]) as GeneralLine["box"],
    confidence: round(l.confidence),
  }));
  return { text_line: detail.length, detail };
}
