/**
 * No line silently dropped (issue 14 item 2): long lines of a dense page and of
 * a FAQ screenshot are all returned, each with its confidence.
 * Pages rendered here with Noto CJK (fonts-noto-cjk); no file outside the repository is read.
 */
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { loadModels, type Models } from "./models";
import { decodeImage } from "./decode";
import { ocrPage } from "./page";
import { lineScores } from "../../bench/metrics";
import { esc } from "../render/svg";

let models: Models;
beforeAll(async () => {
  models = await loadModels();
});

/** Lines at `size` px, `lead` px apart, on white. */
async function page(lines: string[], size: number, width: number, font = "Noto Sans CJK SC"): Promise<Buffer> {
  const lead = Math.round(size * 1.5);
  const height = 40 + lines.length * lead;
  const body = lines.map((t, i) => `<text x="24" y="${24 + size + i * lead}" font-family="${font}" font-size="${size}" fill="#111">${esc(t)}</text>`).join("");
  return sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="#fff"/>${body}</svg>`)).png().toBuffer();
}

async function lost(png: Buffer, gt: string[]): Promise<string[]> {
  const lines = await ocrPage(models, await decodeImage(png));
  for (const l of lines) expect(l.confidence).toBeGreaterThan(0);
  return lineScores(gt, lines.map((l) => l.text))
    .filter((s) => s.correct < 0.9 * s.total)
    .map((s) => s.line);
}

// 62–66 characters a line, 16 px: the dense news page of the issue
const DENSE = [
  "条件AppKey冬天数据完成AppKey！55认为春天程度。全面？图片AppKey61228企业老师重庆、参数常见问题JSON",
  "98推进成功小心地滑设置能源进一步春天医院订单、？建设指出积极密码识别JSON欢迎光临40成都社会支付工作",
  "经济工作质量稳定；关于请求降低关于？产品冬天规定老师Word价格完成要求产品长沙、Excel书籍城市主要南京",
  "政策！车站Wi-Fi手机45793政府参数加强iPhone工程师Word用户今天80办公室书籍苏州孩子城市版本报道信息",
  "机场公交标准作用76707单位调用数据办法。程度邮箱37723第二文化文字。酒店广州西安通过单位ID孩子新闻电话",
  "相关41548教育苏州网络有效！Word交通联系我们安全工作部门合同技术结束38389禁止吸烟工程师重要我们公司",
  "北京超市方式指出办法条件降低推进南京阳光武汉信息OCR认为问题结束iPhone持续家庭西安温馨提示调用车站",
  "水平根据v2.1注意事项64781音乐，雨水健康河流小心地滑、报道CPU雨水注意事项Linux欢迎光临地铁Word禁止",
];

describe("long lines", () => {
  it("reads every line of a dense page of 60-character lines 16 px high", async () => {
    expect(await lost(await page(DENSE, 16, 1120), DENSE)).toEqual([]);
  }, 120_000);

  it("reads every line of a FAQ screenshot of 60–70-character mixed lines", async () => {
    const faq = [
      "Q: 调用接口时返回 4003 Sign 校验失败，请检查 AppKey 与 AppSecret 是否匹配以及时间戳",
      "A: 请确认请求头中的 Timestamp 与服务器时间相差不超过 300 秒，并使用 HMAC-SHA256 计算签名",
      "Q: 图片大小超过 10MB 或者边长不在 32 到 5000 像素之间时会返回什么错误码以及如何处理",
      "A: 分别返回 4010 和 4011，请压缩图片后重试；支持 PNG、JPEG、BMP 三种格式的图片文件",
    ];
    expect(await lost(await page(faq, 14, 900), faq)).toEqual([]);
  }, 120_000);

  it("reads a 90-character line whole, without squeezing it", async () => {
    const line = [DENSE[0] + DENSE[1].slice(0, 30)];
    expect(await lost(await page(line, 16, 1500), line)).toEqual([]);
  }, 120_000);
});

describe("orientation of one word", () => {
  // a table of short cells tilted 4°: the direction classifier takes "Nod" for an upside-down "PON"
  const CELLS = ["项目", "名称", "金额", "备注", "36048", "识别", "稳定完成", "功能新闻", "509.68", "90", "370.38", "欢迎光临", "Nod", "954", "完成", "157", "Sign", "JSON", "Wi-Fi", "CPU", "USB", "PDF", "Word", "ID", "Tel"];

  it("reads a word the classifier turns against the rest of its page as it stands", async () => {
    const body = CELLS.map((w, i) => `<text x="${40 + (i % 4) * 110}" y="${50 + Math.floor(i / 4) * 50}" font-family="Noto Sans CJK SC" font-size="22" fill="#111">${esc(w)}</text>`).join("");
    const png = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="500" height="420"><rect width="500" height="420" fill="#fff"/>${body}</svg>`)).png().toBuffer();
    const img = await decodeImage(await sharp(await sharp(png).rotate(4, { background: "#fff" }).png().toBuffer()).jpeg({ quality: 90 }).toBuffer());
    const texts = (await ocrPage(models, img)).map((l) => l.text);
    expect(texts).toContain("Nod");
    expect(texts).not.toContain("PON");
    // the reading the re-read replaces (so this page does test it)
    expect((await ocrPage(models, img, { rereadAgainstPage: false })).map((l) => l.text)).toContain("PON");
  });
});
