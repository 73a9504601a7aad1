import { API_TITLES, type ApiKind } from "@/lib/catalogue/apis";

/** Words of the public site (用户操作手册 chapter 1 and 5, and more). */

export interface ProductInfo {
  api: ApiKind;
  slug: ApiKind;
  name: string;
  summary: string;
  features: string[];
  scenarios: string[];
}

export const PRODUCTS: readonly ProductInfo[] = [
  {
    api: "general",
    slug: "general",
    name: API_TITLES.general,
    summary: "针对图片中的文字，进行 OCR 检测，返回检测到的文字内容及坐标信息。",
    features: ["识别印刷体中文、英文、数字与符号", "逐行返回文字内容与四点坐标", "支持倾斜、旋转的文字行", "一次请求最多 50 张图片"],
    scenarios: ["合同、文档、小说等图片的文字提取", "合同校对与文档检索", "PDF 截图与扫描件的文字录入"],
  },
  {
    api: "idcard",
    slug: "idcard",
    name: API_TITLES.idcard,
    summary: "使用深度学习技术，返回身份证姓名、性别、民族、出生日期、住址、身份证号、签发机关与有效期限；人像面可提供人脸图片。",
    features: ["人像面与国徽面自动区分", "身份证号按 GB 11643 校验位校正", "返回人像面的人脸图片", "判定原件、复印件或翻拍（risk）"],
    scenarios: ["APP 注册时的证件审核", "金融、政务的实名信息录入", "酒店、网点的身份登记"],
  },
  {
    api: "plate",
    slug: "plate",
    name: API_TITLES.plate,
    summary: "针对图片中的车牌，进行 OCR 检测，返回检测到的车牌内容、车牌种类、置信度及车牌位置坐标。",
    features: ["蓝牌、黄牌、绿牌（新能源）、白牌、黑牌", "单层与双层车牌", "一张图片中的多块车牌", "返回车牌四点坐标与置信度"],
    scenarios: ["城市、高速交通协查与违章记录", "停车场出入口登记", "物流园区车辆管理"],
  },
];

export function productBySlug(slug: string): ProductInfo | undefined {
  return PRODUCTS.find((p) => p.slug === slug);
}

export const SCENARIOS = [
  { title: "注册登记审核", text: "许多 APP 或应用需要通过证件审核认证来访用户的真实信息，从而提供更安全和高级的服务。身份证识别自动读取证件信息，减少手工录入。" },
  { title: "文档识别录入", text: "识别合同、文档、小说等图片中的文字，用于合同校对、文档检索、PDF 提取等场景。" },
  { title: "交通协查", text: "在城市、高速等各种交通场景下，自动识别并记录过往车辆的车牌信息，辅助违章取证。" },
];

export const ADVANTAGES = [
  { title: "开箱即用", text: "创建应用即得 AppKey、AppSecret 与服务码，按手册签名即可调用，无需部署模型。" },
  { title: "按需购买", text: "每个接口五档年度资源包，可叠加购买；新应用每个接口可领取一次免费额度。" },
  { title: "安全可控", text: "MD5 签名鉴权、时间戳与防重放校验，密钥加密存储，可随时轮换、停用应用。" },
  { title: "用量透明", text: "控制台实时查看请求次数、响应时间、请求流量，配置余量与错误率告警。" },
];

export interface Faq {
  q: string;
  a: string;
}

export const FAQS: readonly Faq[] = [
  { q: "OCR 产品有哪些 API 服务？", a: "有三个 API 服务：通用型 OCR、身份证识别与车牌识别。" },
  {
    q: "OCR 对于上传的图片是否有要求？",
    a: "（1）图片单张大小不超过 10MB，批量请求单次不超过 50 张；（2）图片像素尺寸大于 32x32，小于 5000x5000；（3）图片格式支持 png、jpg、jpeg、bmp 格式。",
  },
  { q: "OCR 是 HTTP GET 请求还是 HTTP POST 请求？", a: "HTTP POST 请求。使用其他方法会返回 4012。" },
  {
    q: "签名 Sign 怎么计算？",
    a: "Sign = MD5(AppKey + AppSecret + Timestamp + Path + Http Body)，取 32 位小写十六进制。Path 是不含域名和查询串的请求路径（如 /v1/aiop/api/服务码/ocrdetect/ocr/v1/image.json），Body 必须与实际发送的请求体逐字节一致。",
  },
  { q: "返回 4014 签名校验失败怎么办？", a: "请确认：AppSecret 正确且未过宽限期；Timestamp 与请求头一致；Path 不含域名；签名用的 Body 与发送的 Body 完全相同（例如 Python 中先 json.dumps 一次，签名和发送都用这个字符串）。" },
  { q: "服务码在哪里查看？", a: "在控制台“我的应用”中打开应用，“服务码与请求地址”列出每个接口的服务码和完整请求 URL。每个应用、每个接口的服务码不同。" },
  { q: "如何获得调用次数？", a: "在应用的“我的能力”中，每个接口可领取一次免费额度，或点击“购买”选择资源包规格与数量下单。资源包支付后立即生效。" },
  { q: "资源包到期或用完会怎样？", a: "资源包自购买起一年内有效，到期未用完的次数不会流转至下一年，也不支持退订；次数用完后接口调用会被拒绝（4019），购买新的资源包后恢复。多个资源包可以叠加，优先使用最早到期的。" },
  { q: "AppSecret 泄露了怎么办？", a: "在应用页面点击“重置 AppSecret”并输入登录密码，立即生成新的密钥。旧密钥在宽限期（默认 24 小时）内仍可使用，方便您更新部署，之后会被拒绝。" },
  { q: "停用或删除应用后还能调用吗？", a: "不能。停用的应用可随时重新启用；删除后无法恢复，剩余资源包次数不退还。" },
  { q: "购买资源包需要实名认证吗？", a: "需要。请在“账户”页完成实名认证：填写真实姓名与 18 位身份证号，也可以上传身份证人像面照片自动填写。" },
  { q: "一次请求多张图片如何计费？", a: "每张成功识别的图片计一次调用；格式、尺寸等原因失败的图片不计费，在 result[] 中返回对应的 err_code 与 err_msg。" },
];
