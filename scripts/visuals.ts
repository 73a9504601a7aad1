/**
 * Regenerates the site's product pictures (public/visuals/): one sample image per API,
 * rendered with lib/render (fictional data) or, for plates, a licensed test fixture, recognised by OUR
 * embedded engine through the gateway's runBatch — the very response the API would send —
 * and written as a JPEG plus public/visuals/results.json (image size and the response with
 * the large base64 fields shortened). The pages draw the recognised boxes over the image
 * from that JSON. No database, server or network needed:
 *
 *   npm run visuals
 *
 * The output is committed (the build must not run the models); run this again after an
 * engine change and commit what changed.
 */
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { EmbeddedEngine } from "../lib/engine/embedded";
import { runBatch } from "../lib/gateway/batch";
import { API_KINDS, type ApiKind } from "../lib/catalogue/apis";
import { renderCardPhoto, renderIdcard } from "../lib/render";
import { CJK_FONT, CJK_SERIF, esc, svgToPng } from "../lib/render/svg";

const OUT = path.join(process.cwd(), "public", "visuals");

/** A printed notice photographed on a desk, slightly turned: what 通用型 OCR reads every day. */
async function generalSample(): Promise<Buffer> {
  const W = 900, H = 620;
  const lines: { text: string; size: number; x: number; bold?: boolean; fill?: string }[] = [
    { text: "关于开展2025年度安全生产检查的通知", size: 34, x: 70, bold: true },
    { text: "各部门、各分公司：", size: 26, x: 60 },
    { text: "为切实做好年度安全生产工作，经研究决定，", size: 26, x: 110 },
    { text: "于12月1日至12月15日开展全面安全检查。", size: 26, x: 60 },
    { text: "一、检查范围：生产车间、仓库及办公区域", size: 26, x: 110 },
    { text: "二、联系电话：0571-8888 6666", size: 26, x: 110 },
    { text: "办公室  2025年11月20日", size: 26, x: 560, fill: "#333" },
  ];
  let y = 90;
  const texts = lines
    .map((l, i) => {
      y += i === 0 ? 0 : i === 1 ? 78 : i === lines.length - 1 ? 84 : 54;
      const font = i === 0 ? CJK_SERIF : CJK_FONT;
      return `<text x="${l.x}" y="${y}" font-family="${font}" font-size="${l.size}" ${l.bold ? 'font-weight="700"' : ""} fill="${l.fill ?? "#111"}">${esc(l.text)}</text>`;
    })
    .join("");
  const stamp = `<circle cx="690" cy="${y - 12}" r="62" fill="none" stroke="#d0342c" stroke-width="5" opacity="0.75"/><text x="690" y="${y - 4}" text-anchor="middle" font-family="${CJK_FONT}" font-size="22" fill="#d0342c" opacity="0.75">★</text>`;
  const page = await svgToPng(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="${W}" height="${H}" fill="#fdfcf8"/><rect x="0" y="0" width="${W}" height="8" fill="#d0342c"/>${texts}${stamp}</svg>`,
  );
  const desk = "#c9ced6";
  const turned = await sharp(page).extend({ top: 40, bottom: 40, left: 50, right: 50, background: desk }).rotate(-2.5, { background: desk }).png().toBuffer();
  return sharp(turned).resize({ width: 960 }).jpeg({ quality: 86 }).toBuffer();
}

/** A fictional specimen card (人像面) on a desk. */
async function idcardSample(): Promise<Buffer> {
  const card = await renderIdcard({
    side: "back",
    name: "王小明",
    sex: "男",
    nation: "汉",
    birth: { y: 1990, m: 6, d: 18 },
    addr: "浙江省杭州市西湖区文三路90号示例小区3幢2单元501室",
    idn: "330106199006180016",
    specimenStamp: true,
  });
  const photo = await renderCardPhoto(card, { rotate: -4, margin: 0.1, scale: 1, desk: "#55606e" });
  return sharp(photo).resize({ width: 960 }).jpeg({ quality: 86 }).toBuffer();
}

/**
 * A real photo for the plate API: tests/fixtures/corpus/plate/p_ccpd_0.jpg, from the CCPD
 * dataset (detectRecog/CCPD, MIT licence, see that folder's manifest.json), cropped to landscape.
 */
const PLATE_PHOTO = { file: "tests/fixtures/corpus/plate/p_ccpd_0.jpg", source: "detectRecog/CCPD（rpnet/demo/0.jpg）", licence: "MIT" };

async function plateSample(): Promise<Buffer> {
  return sharp(path.join(process.cwd(), PLATE_PHOTO.file)).extract({ left: 0, top: 140, width: 720, height: 520 }).jpeg({ quality: 86 }).toBuffer();
}

/** Where each sample comes from, shown under the picture. */
const CREDITS: Record<ApiKind, string> = {
  general: "示例为生成的虚构文档。",
  idcard: "示例为生成的虚构样证，不含真实身份信息。",
  plate: `示例照片来自 CCPD 数据集（${PLATE_PHOTO.source}，${PLATE_PHOTO.licence} 许可）。`,
};

/** Long base64 fields (idcard_face, demo_image) cut to a marker so the JSON stays small. */
function shorten(value: unknown): unknown {
  if (typeof value === "string") return value.length > 120 ? `${value.slice(0, 24)}…（Base64，已省略）` : value;
  if (Array.isArray(value)) return value.map(shorten);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shorten(v)]));
  return value;
}

const SAMPLES: Record<ApiKind, () => Promise<Buffer>> = { general: generalSample, idcard: idcardSample, plate: plateSample };

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const engine = new EmbeddedEngine({ queueLimit: 8 });
  const results: Record<string, unknown> = {};
  try {
    for (const api of API_KINDS) {
      const image = await SAMPLES[api]();
      const meta = await sharp(image).metadata();
      const response = await runBatch(engine, api, [image]);
      const file = `${api}.jpg`;
      fs.writeFileSync(path.join(OUT, file), image);
      results[api] = { image: `/visuals/${file}`, width: meta.width, height: meta.height, credit: CREDITS[api], response: { code: 0, ...(shorten(response) as object) } };
      process.stdout.write(`${api}: ${file} ${meta.width}×${meta.height}, ${JSON.stringify(shorten(response)).slice(0, 300)}\n`);
    }
  } finally {
    await engine.close();
  }
  fs.writeFileSync(path.join(OUT, "results.json"), JSON.stringify({ generatedBy: "npm run visuals (scripts/visuals.ts)", ...results }, null, 2) + "\n");
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(1);
  },
);
