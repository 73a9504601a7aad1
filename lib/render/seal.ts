/**
 * Round red seals (公章, 合同专用章 …) with their ground truth: the company's
 * name along the rim and the seal's kind across the bottom, alone or stamped
 * over a page of text. The set curved-text reading (lib/engine/arc.ts) is tuned
 * on (even indices) and measured on (odd indices); `npm run bench:render`
 * writes it to bench/out/text/seal-{tune,eval}.
 */
import sharp from "sharp";
import { esc } from "./svg";
import { pick, rng } from "./random";

const CITIES = ["北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "南京", "西安", "重庆", "天津", "苏州", "长沙", "郑州", "青岛", "厦门", "合肥", "济南"];
const NAMES = ["华信", "宏达", "远航", "博创", "鑫源", "恒泰", "天成", "瑞丰", "新华", "中科", "东方", "金桥", "星辰", "海润", "正元", "嘉禾", "云图", "智联"];
const TRADES = ["科技", "贸易", "实业", "网络科技", "信息技术", "建筑工程", "文化传媒", "商贸", "电子", "物流", "医药", "餐饮管理"];
const FORMS = ["有限公司", "有限责任公司", "股份有限公司"];
const KINDS = ["合同专用章", "财务专用章", "发票专用章", "业务专用章", "公章", "人事专用章"];
const FONTS = ["'Noto Serif CJK SC'", "'Noto Sans CJK SC'", "'WenQuanYi Zen Hei'"];
const BODY = "根据双方协商一致本合同自签订之日起生效未尽事宜由双方另行约定甲方应按时支付服务费用乙方负责提供技术支持与售后服务";

export interface SealSample {
  name: string;
  image: Buffer;
  /** the rim text, the bottom text, then any page lines under the seal */
  lines: string[];
  effects: string[];
}

/** Seal `index` of the set made with `seed`. */
export async function renderSeal(index: number, seed = 14): Promise<SealSample> {
  const r = rng(seed * 500_009 + index * 7919);
  const company = pick(r, CITIES) + pick(r, NAMES) + pick(r, TRADES) + pick(r, FORMS);
  const kind = pick(r, KINDS);
  const radius = 70 + Math.round(r() * 110);
  const font = pick(r, FONTS);
  const n = [...company].length;
  // the rim text sweeps 180–260°, centred on the top
  const sweep = ((180 + r() * 80) * Math.PI) / 180;
  const size = Math.min(radius * 0.3, (radius * 0.72 * sweep) / n * 0.95);
  const rText = radius * 0.93 - size * 0.62;
  const red = pick(r, ["#d81e06", "#c0392b", "#e60012", "#b22222"]);
  const opacity = 0.65 + r() * 0.35;
  const overPage = r() < 0.5;
  const W = Math.round(radius * 2 + (overPage ? 360 : 60));
  const H = Math.round(radius * 2 + (overPage ? 200 : 60));
  const cx = overPage ? W - radius - 30 : W / 2, cy = overPage ? H - radius - 30 : H / 2;
  const turn = (r() - 0.5) * 40;
  const lines = [company, ...(kind === "公章" ? [] : [kind])];
  let page = `<rect width="${W}" height="${H}" fill="#fdfdfa"/>`;
  if (overPage) {
    const ps = 18 + Math.floor(r() * 6);
    const perLine = Math.floor((W - 60) / ps);
    let k = Math.floor(r() * BODY.length);
    // a contract's last lines, the seal stamped on their end (its top third over the text)
    for (let y = 30 + ps; y < cy - radius * 0.35; y += ps * 1.8) {
      let t = "";
      while (t.length < perLine) t += BODY[k++ % BODY.length];
      page += `<text x="30" y="${y.toFixed(1)}" font-family="'Noto Sans CJK SC'" font-size="${ps}" fill="#222">${esc(t)}</text>`;
      lines.push(t);
    }
  }
  let seal = `<circle cx="${cx}" cy="${cy}" r="${radius * 0.96}" fill="none" stroke="${red}" stroke-width="${Math.max(3, radius * 0.05).toFixed(1)}"/>`;
  const star = radius * 0.28;
  const pts = Array.from({ length: 10 }, (_, i) => {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? star : star * 0.4;
    return `${(cx + rr * Math.cos(a)).toFixed(1)},${(cy + rr * Math.sin(a)).toFixed(1)}`;
  }).join(" ");
  seal += `<polygon points="${pts}" fill="${red}"/>`;
  [...company].forEach((ch, i) => {
    const a = -Math.PI / 2 - sweep / 2 + (sweep * (i + 0.5)) / n;
    const x = cx + rText * Math.cos(a), y = cy + rText * Math.sin(a);
    const deg = (a * 180) / Math.PI + 90;
    seal += `<text x="${x.toFixed(1)}" y="${(y + size * 0.36).toFixed(1)}" text-anchor="middle" font-family="${font}" font-weight="bold" font-size="${size.toFixed(1)}" fill="${red}" transform="rotate(${deg.toFixed(1)} ${x.toFixed(1)} ${y.toFixed(1)})">${esc(ch)}</text>`;
  });
  if (kind !== "公章") {
    const ks = radius * 0.2;
    seal += `<text x="${cx}" y="${(cy + radius * 0.58).toFixed(1)}" text-anchor="middle" font-family="${font}" font-weight="bold" font-size="${ks.toFixed(1)}" fill="${red}">${esc(kind)}</text>`;
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${page}<g opacity="${opacity.toFixed(2)}" transform="rotate(${turn.toFixed(1)} ${cx} ${cy})">${seal}</g></svg>`;
  let png: Buffer = await sharp(Buffer.from(svg)).png().toBuffer();
  const effects = [`r ${radius}`, `sweep ${Math.round((sweep * 180) / Math.PI)}°`, `turn ${turn.toFixed(0)}°`, overPage ? "over text" : "alone"];
  if (r() < 0.3) {
    const sigma = 0.5 + r() * 0.6;
    png = await sharp(png).blur(sigma).png().toBuffer();
    effects.push(`blur ${sigma.toFixed(2)}`);
  }
  const q = 40 + Math.floor(r() * 50);
  const image = await sharp(png).jpeg({ quality: q }).toBuffer();
  effects.push(`jpeg ${q}`);
  return { name: `${String(index).padStart(3, "0")}-seal`, image, lines, effects };
}
