/** SVG → PNG through sharp (librsvg), plus the small image effects tests use. */
import sharp from "sharp";

export const CJK_FONT = "'Noto Sans CJK SC','WenQuanYi Zen Hei',sans-serif";
export const CJK_SERIF = "'Noto Serif CJK SC','Noto Sans CJK SC',serif";

export function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export async function svgToPng(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export interface Degrade {
  /** degrees clockwise */
  rotate?: number;
  blur?: number;
  jpegQuality?: number;
  /** grey photocopy look */
  grey?: boolean;
  background?: string;
}

/** Rotation, blur, JPEG noise and greying, as photos and copies do to a document. */
export async function degrade(png: Buffer, d: Degrade): Promise<Buffer> {
  let s = sharp(png);
  if (d.rotate) s = s.rotate(d.rotate, { background: d.background ?? "#7a6a58" });
  if (d.blur && d.blur >= 0.3) s = s.blur(d.blur);
  if (d.grey) s = s.greyscale().linear(1.25, -20);
  const buf = await s.png().toBuffer();
  if (d.jpegQuality) return sharp(buf).jpeg({ quality: d.jpegQuality }).toBuffer();
  return buf;
}
