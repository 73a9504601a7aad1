/**
 * The rendered text set for general OCR (issue 14 item 1): deterministic pages
 * with their ground-truth lines, one per index and seed. `npm run bench:render`
 * writes them (scripts/render-text-set.ts); the benchmark and tests read them.
 *
 * Kinds (index i takes kind i mod KINDS.length, so every kind is in both halves):
 * dense paragraphs of 40–80 characters a line, two and three columns, tables,
 * receipts, vertical text, signs, screenshots of 60–70-character FAQ lines,
 * small 10–14 px fonts, light on dark, light or dark on transparent, low
 * contrast and mixed Chinese/Latin/digits/punctuation; then, at random, JPEG
 * noise, blur, rotation and perspective, and the file formats the decoder must
 * handle (16-bit and palette PNG, progressive and CMYK JPEG, greyscale BMP).
 * Ground truth: one entry per printed line (per column for vertical text, per cell for tables).
 */
import sharp from "sharp";
import { esc } from "./svg";
import { pick, rng } from "./random";
import { warpQuad } from "../engine/crop";
import type { Quad } from "../engine/geometry";

export interface TextSample {
  /** file name stem: index and kind */
  name: string;
  kind: string;
  ext: "png" | "jpg" | "bmp";
  image: Buffer;
  lines: string[];
  /** what was done to the page after rendering (for reading the bench's per-image lists) */
  effects: string[];
}

const WORDS = (
  "我们 公司 产品 服务 技术 发展 市场 经济 管理 系统 用户 数据 信息 网络 时间 问题 工作 社会 国家 城市 " +
  "项目 平台 安全 质量 价格 客户 合同 订单 支付 账户 设置 功能 更新 版本 下载 安装 登录 注册 密码 手机 " +
  "地址 电话 邮箱 文件 图片 文字 识别 结果 接口 调用 请求 返回 参数 错误 成功 失败 完成 开始 结束 今天 " +
  "明天 北京 上海 广州 深圳 杭州 成都 武汉 南京 西安 重庆 天津 苏州 长沙 郑州 青岛 学校 医院 银行 超市 " +
  "餐厅 酒店 机场 车站 地铁 公交 出口 入口 停车场 办公室 会议室 营业时间 联系我们 常见问题 使用说明 注意事项 " +
  "温馨提示 欢迎光临 禁止吸烟 小心地滑 安全出口 新闻 报道 记者 政府 政策 企业 投资 增长 研究 教育 文化 " +
  "历史 环境 能源 交通 旅游 健康 生活 消费 价格 指数 同比 环比 提高 降低 推进 加强 促进 实现 建设 改革 " +
  "创新 合作 会议 指出 表示 认为 根据 通过 关于 进一步 重要 主要 全面 积极 稳定 持续 有效 相关 部门 单位 " +
  "规定 标准 要求 办法 条件 方式 过程 情况 内容 范围 程度 水平 能力 作用 影响 方面 基础 条例 第一 第二 " +
  "春天 夏天 秋天 冬天 阳光 雨水 山水 河流 森林 花园 音乐 电影 书籍 朋友 家庭 孩子 老人 工程师 医生 老师"
).split(" ");
const LATIN = "API OCR HTTP JSON Token AppKey Sign iPhone Android Windows Linux CPU GPU USB Wi-Fi PDF Excel Word Python Node.js v2.1 ID No. Tel Email".split(" ");
const PUNCT = ["，", "。", "、", "：", "；", "！", "？"];
const PRODUCTS = ["矿泉水", "牛奶", "面包", "苹果", "香蕉", "大米", "食用油", "洗发水", "纸巾", "咖啡", "茶叶", "鸡蛋", "酸奶", "饼干", "牙膏", "毛巾", "电池", "雨伞"];
const SIGNS = ["安全出口", "禁止吸烟", "小心地滑", "营业时间", "欢迎光临", "停车场入口", "请勿触摸", "员工通道", "收银台", "卫生间", "地铁站", "北京路", "中山公园", "人民医院"];
const FONTS = ["'Noto Sans CJK SC'", "'Noto Serif CJK SC'", "'WenQuanYi Zen Hei'", "'Noto Sans Mono CJK SC'"];

/** Estimated advance of a string in em (CJK and full-width 1, others ~0.6). */
function ems(s: string): number {
  let w = 0;
  for (const c of s) w += c.charCodeAt(0) > 0x2e80 ? 1 : 0.6;
  return w;
}

/** A run of words, punctuation, numbers and Latin words of about `target` em (never more). */
function sentence(r: () => number, target: number, latinShare = 0.1): string {
  let s = "";
  for (;;) {
    const x = r();
    let w: string;
    if (x < latinShare) w = (s && !/[\u2e80-\uffff]$/.test(s) ? " " : "") + pick(r, LATIN);
    else if (x < latinShare + 0.08) w = String(Math.floor(r() * (r() < 0.5 ? 100 : 100000)));
    else if (x < latinShare + 0.16 && s) w = pick(r, PUNCT);
    else w = pick(r, WORDS);
    if (ems(s + w) > target) return s.replace(/[，、：；]$/, "") || w.slice(0, Math.max(1, Math.floor(target)));
    s += w;
  }
}

interface Page {
  width: number;
  height: number;
  /** SVG body (background included unless transparent) */
  body: string;
  lines: string[];
  transparent?: boolean;
  /** background colour for rotation/perspective fill */
  bg: string;
}

function textEl(x: number, y: number, s: string, size: number, fill: string, font: string, extra = ""): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="${font}" font-size="${size}" fill="${fill}" ${extra}>${esc(s)}</text>`;
}

/** Paragraph lines in `cols` columns. */
function columnsPage(r: () => number, o: { cols: number; size: number; chars: [number, number]; rows: [number, number]; fg: string; bg: string | null; font: string; latin?: number }): Page {
  const { cols, size } = o;
  const perLine = o.chars[0] + Math.floor(r() * (o.chars[1] - o.chars[0] + 1));
  const rows = o.rows[0] + Math.floor(r() * (o.rows[1] - o.rows[0] + 1));
  const colW = Math.ceil(perLine * size);
  const gap = Math.round(size * 2);
  const margin = Math.round(size * 1.5 + r() * 20);
  const lead = size * (1.45 + r() * 0.4);
  const width = margin * 2 + cols * colW + (cols - 1) * gap;
  const height = Math.round(margin * 2 + rows * lead);
  let body = o.bg ? `<rect width="${width}" height="${height}" fill="${o.bg}"/>` : "";
  const lines: string[] = [];
  for (let c = 0; c < cols; c++) {
    for (let k = 0; k < rows; k++) {
      // the last line of a paragraph is shorter now and then
      const t = sentence(r, r() < 0.15 ? perLine * (0.3 + r() * 0.5) : perLine - r() * 2, o.latin ?? 0.1);
      body += textEl(margin + c * (colW + gap), margin + size + k * lead, t, size, o.fg, o.font);
      lines.push(t);
    }
  }
  return { width, height, body, lines, transparent: !o.bg, bg: o.bg ?? "#ffffff" };
}

function tablePage(r: () => number): Page {
  const size = 14 + Math.floor(r() * 8);
  const cols = 3 + Math.floor(r() * 3), rows = 5 + Math.floor(r() * 6);
  const colW = Array.from({ length: cols }, () => Math.round(size * (4 + r() * 5)));
  const rowH = Math.round(size * 2.1);
  const m = 24;
  const width = m * 2 + colW.reduce((a, b) => a + b, 0), height = m * 2 + rows * rowH;
  let body = `<rect width="${width}" height="${height}" fill="#ffffff"/>`;
  const lines: string[] = [];
  const header = ["项目", "名称", "数量", "单价", "金额", "备注", "检验结果", "参考范围", "单位"];
  for (let y = 0; y < rows; y++) {
    let x = m;
    for (let c = 0; c < cols; c++) {
      const maxEm = colW[c] / size - 1;
      const t = y === 0 ? header[(c + Math.floor(r() * 3)) % header.length] : r() < 0.5 ? (r() * 1000).toFixed(r() < 0.5 ? 2 : 0) : sentence(r, Math.min(maxEm, 2 + r() * 4), 0.05);
      body += textEl(x + size * 0.5, m + y * rowH + rowH * 0.68, t, size, "#111", FONTS[0], y === 0 ? `font-weight="bold"` : "");
      lines.push(t);
      x += colW[c];
    }
  }
  let x = m;
  for (let c = 0; c <= cols; c++) {
    body += `<line x1="${x}" y1="${m}" x2="${x}" y2="${m + rows * rowH}" stroke="#555" stroke-width="1"/>`;
    x += colW[c] ?? 0;
  }
  for (let y = 0; y <= rows; y++) body += `<line x1="${m}" y1="${m + y * rowH}" x2="${width - m}" y2="${m + y * rowH}" stroke="#555" stroke-width="1"/>`;
  return { width, height, body, lines, bg: "#ffffff" };
}

function receiptPage(r: () => number): Page {
  const size = 14 + Math.floor(r() * 6);
  const width = Math.round(size * 20 + 40);
  const font = pick(r, [FONTS[0], FONTS[3]]);
  const lines: string[] = [];
  lines.push(pick(r, ["华联超市", "便利蜂", "永辉超市", "好又多商场", "家乐福"]) + pick(r, ["（中山店）", "（人民路店）", ""]));
  lines.push(`单号：${Math.floor(r() * 1e10)}`);
  lines.push(`日期：2024-${String(1 + Math.floor(r() * 12)).padStart(2, "0")}-${String(1 + Math.floor(r() * 28)).padStart(2, "0")} ${String(Math.floor(r() * 24)).padStart(2, "0")}:${String(Math.floor(r() * 60)).padStart(2, "0")}`);
  let total = 0;
  const n = 3 + Math.floor(r() * 7);
  for (let k = 0; k < n; k++) {
    const price = Math.round(r() * 5000) / 100;
    total += price;
    lines.push(`${pick(r, PRODUCTS)} x${1 + Math.floor(r() * 3)} ${price.toFixed(2)}`);
  }
  lines.push(`合计：${total.toFixed(2)}元`);
  lines.push(pick(r, ["谢谢惠顾，欢迎再来", "请保留小票作为退换凭证", "客服电话：400-820-8820"]));
  const lead = size * 1.7;
  const height = Math.round(40 + lines.length * lead + 20);
  let body = `<rect width="${width}" height="${height}" fill="#fbfaf5"/>`;
  lines.forEach((t, k) => (body += textEl(20, 40 + k * lead, t, size, "#222", font)));
  return { width, height, body, lines, bg: "#fbfaf5" };
}

function verticalPage(r: () => number): Page {
  const size = 22 + Math.floor(r() * 20);
  const cols = 2 + Math.floor(r() * 6), chars = 4 + Math.floor(r() * 9);
  const step = size * 1.12, colGap = size * 1.8;
  const width = Math.round(size * 2 + cols * colGap), height = Math.round(size * 2 + chars * step);
  const font = pick(r, [FONTS[1], FONTS[0], FONTS[2]]);
  const bg = pick(r, ["#ffffff", "#f3ead8", "#fffdf6"]);
  let body = `<rect width="${width}" height="${height}" fill="${bg}"/>`;
  const lines: string[] = [];
  for (let c = 0; c < cols; c++) {
    // right to left, top to bottom; Chinese characters only
    const t = [...sentence(r, chars, 0).replace(/[^\u4e00-\u9fff]/g, "")].slice(0, chars).join("");
    const x = width - size - c * colGap - size / 2;
    [...t].forEach((ch, k) => (body += textEl(x, size + (k + 1) * step - size * 0.15, ch, size, "#111", font, `text-anchor="middle"`)));
    lines.push(t);
  }
  return { width, height, body, lines, bg };
}

function signPage(r: () => number): Page {
  const size = 40 + Math.floor(r() * 60);
  const [bg, fg] = pick(r, [["#1d7a3a", "#ffffff"], ["#0b4fa8", "#ffffff"], ["#c0392b", "#ffffff"], ["#f2c230", "#111111"], ["#222222", "#f5f5f5"]]);
  const lines = [pick(r, SIGNS)];
  if (r() < 0.6) lines.push(pick(r, ["EXIT", "No Smoking", "Parking", "Open 9:00-21:00", "Toilet", "Metro"]));
  const width = Math.round(Math.max(...lines.map(ems)) * size + size * 1.5);
  const height = Math.round(lines.length * size * 1.5 + size);
  let body = `<rect width="${width}" height="${height}" fill="${bg}"/>`;
  lines.forEach((t, k) => (body += textEl(size * 0.75, size * 1.3 + k * size * 1.5, t, k ? Math.round(size * 0.7) : size, fg, FONTS[0], `font-weight="bold"`)));
  return { width, height, body, lines, bg };
}

function screenshotPage(r: () => number): Page {
  const size = 13 + Math.floor(r() * 3);
  const per = 60 + Math.floor(r() * 11);
  const width = Math.round(per * size * 0.85 + 60);
  const rows = 8 + Math.floor(r() * 8);
  const lead = size * 1.75;
  const height = Math.round(70 + rows * lead + 20);
  const lines: string[] = ["常见问题 FAQ"];
  let body = `<rect width="${width}" height="${height}" fill="#ffffff"/><rect width="${width}" height="44" fill="#2d3748"/>`;
  body += textEl(20, 29, lines[0], 18, "#ffffff", FONTS[0]);
  for (let k = 0; k < rows; k++) {
    const q = k % 3 === 0;
    // lines of 60–70 characters, mixed Chinese and Latin (the technical FAQ of issue 14)
    const t = (q ? "Q: " : "") + sentence(r, per * 0.85 - (q ? 2 : 0), 0.25);
    body += textEl(30, 70 + size + k * lead, t, size, q ? "#1a202c" : "#4a5568", FONTS[0], q ? `font-weight="bold"` : "");
    lines.push(t);
  }
  return { width, height, body, lines, bg: "#ffffff" };
}

type Maker = (r: () => number) => Page;

const KINDS: { kind: string; make: Maker }[] = [
  { kind: "dense", make: (r) => columnsPage(r, { cols: 1, size: 14 + Math.floor(r() * 5), chars: [40, 80], rows: [12, 26], fg: "#111", bg: "#ffffff", font: pick(r, FONTS.slice(0, 3)) }) },
  { kind: "columns2", make: (r) => columnsPage(r, { cols: 2, size: 14 + Math.floor(r() * 6), chars: [14, 24], rows: [10, 20], fg: "#111", bg: "#fdfdf8", font: pick(r, FONTS.slice(0, 3)) }) },
  { kind: "columns3", make: (r) => columnsPage(r, { cols: 3, size: 13 + Math.floor(r() * 5), chars: [10, 16], rows: [10, 18], fg: "#222", bg: "#ffffff", font: pick(r, FONTS.slice(0, 3)) }) },
  { kind: "table", make: tablePage },
  { kind: "receipt", make: receiptPage },
  { kind: "vertical", make: verticalPage },
  { kind: "sign", make: signPage },
  { kind: "screenshot", make: screenshotPage },
  { kind: "small", make: (r) => columnsPage(r, { cols: 1, size: 10 + Math.floor(r() * 5), chars: [20, 45], rows: [8, 20], fg: "#222", bg: "#ffffff", font: pick(r, FONTS) }) },
  {
    kind: "light-on-dark",
    make: (r) => columnsPage(r, { cols: 1, size: 16 + Math.floor(r() * 14), chars: [8, 30], rows: [3, 10], fg: pick(r, ["#ffffff", "#f5e663", "#d0f0ff"]), bg: pick(r, ["#111111", "#1f2a44", "#0d3b2e", "#5a1010"]), font: pick(r, FONTS.slice(0, 3)) }),
  },
  {
    kind: "transparent",
    make: (r) => columnsPage(r, { cols: 1, size: 18 + Math.floor(r() * 16), chars: [6, 24], rows: [1, 6], fg: r() < 0.6 ? "#ffffff" : "#202020", bg: null, font: pick(r, FONTS.slice(0, 3)) }),
  },
  {
    kind: "low-contrast",
    make: (r) => {
      const base = 150 + Math.floor(r() * 60);
      const fg = `rgb(${base},${base},${base})`, bg = `rgb(${base + 40},${base + 40},${Math.min(255, base + 45)})`;
      return columnsPage(r, { cols: 1, size: 16 + Math.floor(r() * 10), chars: [10, 30], rows: [3, 10], fg, bg, font: pick(r, FONTS.slice(0, 3)) });
    },
  },
  { kind: "mixed", make: (r) => columnsPage(r, { cols: 1, size: 15 + Math.floor(r() * 10), chars: [15, 40], rows: [4, 12], fg: "#111", bg: "#ffffff", font: pick(r, FONTS), latin: 0.35 }) },
];

export const TEXT_KINDS = KINDS.map((k) => k.kind);

/** Perspective: the page's corners pulled in by up to `amount` of its size (sampling a quad of the padded page). */
async function perspective(png: Buffer, r: () => number, amount: number, bg: string): Promise<Buffer> {
  const pad = 0.12;
  const padded = await sharp(png).flatten({ background: bg }).extend({ top: 1, bottom: 1, left: 1, right: 1, background: bg }).toBuffer();
  const meta = await sharp(padded).metadata();
  const w0 = meta.width ?? 1, h0 = meta.height ?? 1;
  const ex = Math.round(w0 * pad), ey = Math.round(h0 * pad);
  const { data, info } = await sharp(padded).extend({ top: ey, bottom: ey, left: ex, right: ex, background: bg }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const W = info.width, H = info.height;
  const j = () => (r() - 0.5) * 2 * amount;
  // the output shows a slightly larger quad than the page, jittered: the page looks tilted
  const quad: Quad = [
    [ex * (0.5 + j()), ey * (0.5 + j())],
    [W - ex * (0.5 + j()), ey * (0.5 + j())],
    [W - ex * (0.5 + j()), H - ey * (0.5 + j())],
    [ex * (0.5 + j()), H - ey * (0.5 + j())],
  ];
  const out = warpQuad({ width: W, height: H, data: new Uint8Array(data.buffer, data.byteOffset, data.length) }, quad, W - ex, H - ey);
  return sharp(Buffer.from(out.data), { raw: { width: out.width, height: out.height, channels: 3 } }).png().toBuffer();
}

/** An 8-bit greyscale BMP (palette of 256 greys), which bmp-js and browsers read. */
export async function greyBmp(png: Buffer): Promise<Buffer> {
  const { data, info } = await sharp(png).flatten({ background: "#ffffff" }).greyscale().raw().toBuffer({ resolveWithObject: true });
  const w = info.width, h = info.height, stride = Math.ceil(w / 4) * 4;
  const offset = 14 + 40 + 1024;
  const buf = Buffer.alloc(offset + stride * h);
  buf.write("BM", 0);
  buf.writeUInt32LE(buf.length, 2);
  buf.writeUInt32LE(offset, 10);
  buf.writeUInt32LE(40, 14);
  buf.writeInt32LE(w, 18);
  buf.writeInt32LE(h, 22);
  buf.writeUInt16LE(1, 26);
  buf.writeUInt16LE(8, 28);
  buf.writeUInt32LE(stride * h, 34);
  buf.writeUInt32LE(256, 46);
  for (let i = 0; i < 256; i++) buf.writeUInt32LE((i << 16) | (i << 8) | i, 54 + i * 4);
  for (let y = 0; y < h; y++) data.copy(buf, offset + (h - 1 - y) * stride, y * w, y * w + w);
  return buf;
}

/** Sample `index` of the set made with `seed`. */
export async function renderTextSample(index: number, seed = 14): Promise<TextSample> {
  const r = rng(seed * 100_003 + index * 7919);
  const { kind, make } = KINDS[index % KINDS.length];
  const page = make(r);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${page.width}" height="${page.height}">${page.body}</svg>`;
  let png: Buffer = await sharp(Buffer.from(svg)).png().toBuffer();
  const effects: string[] = [];
  if (page.transparent) return { name: `${String(index).padStart(3, "0")}-${kind}`, kind, ext: "png", image: png, lines: page.lines, effects: ["alpha"] };
  if (r() < 0.2) {
    const deg = (r() < 0.5 ? -1 : 1) * (1 + r() * 7);
    png = await sharp(png).rotate(deg, { background: page.bg }).png().toBuffer();
    effects.push(`rotate ${deg.toFixed(1)}`);
  } else if (r() < 0.15) {
    png = await perspective(png, r, 0.5, page.bg);
    effects.push("perspective");
  }
  if (r() < 0.2) {
    const sigma = 0.5 + r() * 0.7;
    png = await sharp(png).blur(sigma).png().toBuffer();
    effects.push(`blur ${sigma.toFixed(2)}`);
  }
  const f = r();
  let ext: TextSample["ext"] = "png";
  let image: Buffer;
  if (f < 0.3) {
    const q = 30 + Math.floor(r() * 45);
    image = await sharp(png).jpeg({ quality: q }).toBuffer();
    ext = "jpg";
    effects.push(`jpeg ${q}`);
  } else if (f < 0.36) {
    image = await sharp(png).jpeg({ quality: 85, progressive: true }).toBuffer();
    ext = "jpg";
    effects.push("progressive jpeg");
  } else if (f < 0.42) {
    image = await sharp(png).toColourspace("cmyk").jpeg({ quality: 90 }).toBuffer();
    ext = "jpg";
    effects.push("cmyk jpeg");
  } else if (f < 0.48) {
    image = await sharp(png).toColourspace("rgb16").png().toBuffer();
    effects.push("16-bit png");
  } else if (f < 0.54) {
    image = await sharp(png).png({ palette: true, colours: 64 }).toBuffer();
    effects.push("palette png");
  } else if (f < 0.58) {
    image = await greyBmp(png);
    ext = "bmp";
    effects.push("grey bmp");
  } else image = png;
  return { name: `${String(index).padStart(3, "0")}-${kind}`, kind, ext, image, lines: page.lines, effects };
}

export interface LargePage {
  name: string;
  image: Buffer;
  lines: string[];
  width: number;
  height: number;
  size: number;
}

/**
 * A large page of small text (issue 14 item 3: past the detector's 960 px the
 * text shrinks below what it can see): `index` picks a side of 2400–4900 px and
 * text of 20–40 px; even indices are the tuning half (bench/sweep-engine.ts
 * chooses SMALL_BOX / TARGET_BOX on them), odd ones are only measured.
 */
export async function renderLargePage(index: number, seed = 14): Promise<LargePage> {
  const r = rng(seed * 200_003 + index * 7919);
  const width = 2400 + Math.round(r() * 25) * 100;
  const height = 2400 + Math.round(r() * 25) * 100;
  const size = 20 + Math.floor(r() * 21);
  return largePage(`large-${String(index).padStart(2, "0")}-${width}x${height}-${size}px`, r, width, height, size);
}

/**
 * The two large pages of issue 14 the bench times against raw: a 4900×4900 page
 * of 28-px text (106 lines) and an A4 scan at 300 dpi (2480×3508) of 40-px text.
 */
export async function renderIssuePages(seed = 14): Promise<LargePage[]> {
  return [
    await largePage("issue-4900x4900-28px", rng(seed * 300_007 + 1), 4900, 4900, 28, 106),
    await largePage("issue-a4-300dpi-40px", rng(seed * 300_007 + 2), 2480, 3508, 40),
  ];
}

async function largePage(name: string, r: () => number, width: number, height: number, size: number, maxRows = Infinity): Promise<LargePage> {
  const margin = Math.round(size * 2);
  const lead = size * 1.6;
  const rows = Math.min(maxRows, Math.floor((height - 2 * margin) / lead));
  const perLine = Math.floor((width - 2 * margin) / size);
  const font = pick(r, FONTS.slice(0, 3));
  let body = `<rect width="${width}" height="${height}" fill="#ffffff"/>`;
  const lines: string[] = [];
  for (let k = 0; k < rows; k++) {
    const t = sentence(r, r() < 0.15 ? perLine * (0.3 + r() * 0.5) : perLine - r() * 3, 0.1);
    body += textEl(margin, margin + size + k * lead, t, size, "#111", font);
    lines.push(t);
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${body}</svg>`;
  const image = await sharp(Buffer.from(svg)).png({ compressionLevel: 6 }).toBuffer();
  return { name, image, lines, width, height, size };
}
