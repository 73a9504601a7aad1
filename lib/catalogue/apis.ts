/**
 * The three open APIs described once (用户操作手册 4.1–4.3): kind, Chinese names,
 * request path, response schema, image limits, yearly tiers and default prices.
 * Every layer reads this module — the database columns (db/schema), the engine,
 * the gateway, pricing, alerts, docs, the console and the playground.
 *
 * It imports nothing, so the client bundle and drizzle-kit can load it as it is.
 */

export const API_KINDS = ["general", "idcard", "plate"] as const;
export type ApiKind = (typeof API_KINDS)[number];

export function isApiKind(s: unknown): s is ApiKind {
  return typeof s === "string" && (API_KINDS as readonly string[]).includes(s);
}

/** Every open API path starts so, then the service code, then the API's `suffix`. */
export const API_PREFIX = "/v1/aiop/api/";

/** One request's and one image's limits (the same for the three APIs today). */
export interface ImageLimits {
  /** images in one synchronous request */
  maxImages: number;
  /** bytes of one decoded image */
  maxImageBytes: number;
  /** each side, in pixels */
  minSide: number;
  maxSide: number;
  /** pixels handed to the decoders at most */
  maxPixels: number;
}

export const IMAGE_LIMITS: Readonly<ImageLimits> = Object.freeze({
  maxImages: 50,
  maxImageBytes: 10 * 1024 * 1024,
  minSide: 32,
  maxSide: 5000,
  maxPixels: 5000 * 5000,
});

/** The five yearly tiers of every API, in calls. */
export const TIERS = [1000, 10000, 100000, 1000000, 10000000] as const;
export type Tier = (typeof TIERS)[number];

export interface ApiInfo {
  kind: ApiKind;
  /** the console's name (我的能力, orders, monitor, alerts): 通用型OCR */
  label: string;
  /** the manual's and the docs' title: 通用型 OCR */
  title: string;
  /** one sentence for the docs and /openapi.json */
  description: string;
  /** docs notes on how this API's requests may be written */
  notes: readonly string[];
  /** path after /v1/aiop/api/{serviceCode}/, as the manual writes it */
  suffix: string;
  /** spellings of the last segment a Sign may have been computed over (besides the one sent) */
  signSpellings?: readonly string[];
  /** the last path segment matches case-insensitively */
  caseInsensitiveLast?: boolean;
  /** key of the result's zod schema in lib/gateway/schemas RESULT_SCHEMAS (and of ResultFor in lib/engine/types) */
  resultSchema: ApiKind;
  limits: Readonly<ImageLimits>;
  /** yearly packs on sale, in calls */
  tiers: readonly Tier[];
  /** list prices in fen until an operator changes them (/ops/prices) */
  defaultPricesFen: Readonly<Record<Tier, number>>;
  /** colour of the API in charts */
  color: string;
}

const NESTED_NOTE = "也接受手册 curl 示例的嵌套写法 {\"data\": [{\"data\": [...]}]}。";

export const APIS: Readonly<Record<ApiKind, ApiInfo>> = {
  general: {
    kind: "general",
    label: "通用型OCR",
    title: "通用型 OCR",
    description: "针对图片中的文字进行 OCR 检测，返回检测到的文字内容及坐标信息。",
    notes: [],
    suffix: "ocrdetect/ocr/v1/image.json",
    resultSchema: "general",
    limits: IMAGE_LIMITS,
    tiers: TIERS,
    defaultPricesFen: { 1000: 1000, 10000: 8000, 100000: 60000, 1000000: 450000, 10000000: 3000000 },
    color: "#2563eb",
  },
  idcard: {
    kind: "idcard",
    label: "身份证识别",
    title: "身份证识别",
    description: "针对图片中的身份证进行 OCR 检测，返回姓名、性别、民族、出生日期、身份证号、住址、签发机关、有效期限等信息。",
    notes: [NESTED_NOTE, "未检测到身份证的图片在 result[] 中返回 err_code 4101。"],
    suffix: "IdentityCard/ocr/v1/idcard.json",
    resultSchema: "idcard",
    limits: IMAGE_LIMITS,
    tiers: TIERS,
    defaultPricesFen: { 1000: 2000, 10000: 15000, 100000: 120000, 1000000: 900000, 10000000: 6000000 },
    color: "#16a34a",
  },
  plate: {
    kind: "plate",
    label: "车牌识别",
    title: "车牌识别",
    description: "针对图片中的车牌进行 OCR 检测，返回车牌内容、车牌种类、位置坐标及置信度。",
    notes: [
      "路径最后一段不区分大小写（plateLicense.json 与手册示例中的 platelicense.json 均可）。",
      "Sign 中的 Path 可按 plateLicense.json 或 platelicense.json 任一拼写计算。",
      NESTED_NOTE,
    ],
    suffix: "driven-plate-ocr/plateLicense.json",
    signSpellings: ["plateLicense.json", "platelicense.json"],
    caseInsensitiveLast: true,
    resultSchema: "plate",
    limits: IMAGE_LIMITS,
    tiers: TIERS,
    defaultPricesFen: { 1000: 1500, 10000: 12000, 100000: 100000, 1000000: 800000, 10000000: 5000000 },
    color: "#d97706",
  },
};

/** The three APIs in the catalogue's order. */
export const API_LIST: readonly ApiInfo[] = API_KINDS.map((k) => APIS[k]);

/** Console names by kind: 通用型OCR, 身份证识别, 车牌识别. */
export const API_LABELS: Readonly<Record<ApiKind, string>> = Object.fromEntries(API_LIST.map((a) => [a.kind, a.label])) as Record<ApiKind, string>;

/** Docs titles by kind: 通用型 OCR, 身份证识别, 车牌识别. */
export const API_TITLES: Readonly<Record<ApiKind, string>> = Object.fromEntries(API_LIST.map((a) => [a.kind, a.title])) as Record<ApiKind, string>;

/** Path used in the Sign: /v1/aiop/api/{code}/… (no host, no query). */
export function apiPath(api: ApiKind, serviceCode: string): string {
  return `${API_PREFIX}${serviceCode}/${APIS[api].suffix}`;
}

/** The URL path template of an API, e.g. for docs: /v1/aiop/api/{serviceCode}/ocrdetect/ocr/v1/image.json */
export function pathTemplate(api: ApiKind): string {
  return apiPath(api, "{serviceCode}");
}
