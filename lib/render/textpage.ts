/** A plain page of text lines (for the general OCR playground and tests). */
import { CJK_FONT, esc, svgToPng } from "./svg";

export async function renderTextPage(lines: string[], o: { size?: number; width?: number } = {}): Promise<Buffer> {
  const size = o.size ?? 32;
  const W = o.width ?? Math.max(400, Math.max(...lines.map((l) => [...l].length), 1) * size + 80);
  const H = lines.length * size * 1.8 + 60;
  const body = lines.map((l, i) => `<text x="40" y="${40 + size + i * size * 1.8}" font-family="${CJK_FONT}" font-size="${size}" fill="#111">${esc(l)}</text>`).join("");
  return svgToPng(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="${W}" height="${H}" fill="#fff"/>${body}</svg>`);
}
