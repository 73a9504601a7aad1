/**
 * The open API described once: routes, headers, fields and error codes, for the
 * public 文档 pages and for /openapi.json (built from the gateway's own zod schemas).
 */
import { z } from "zod";
import { API_CODES, type ApiCode } from "@/lib/api/codes";
import { APIS, API_LIST, IMAGE_LIMITS, pathTemplate, type ApiKind } from "@/lib/catalogue/apis";
import { bytes } from "@/lib/format";
import { MAX_BODY_BYTES } from "@/lib/gateway/body";
import { jobOpenApiPaths } from "@/lib/jobs/spec";
import { RESULT_SCHEMAS, errorResponse, requestBody, successResponse } from "@/lib/gateway/schemas";
import { samplesFor } from "@/lib/docs/samples";

export interface ApiRouteSpec {
  api: ApiKind;
  title: string;
  /** /v1/aiop/api/{serviceCode}/… */
  path: string;
  description: string;
  notes: string[];
}

/** The catalogue's APIs (lib/catalogue/apis) as the docs show them. */
export const API_ROUTES: readonly ApiRouteSpec[] = API_LIST.map((a) => ({
  api: a.kind,
  title: a.title,
  path: pathTemplate(a.kind),
  description: a.description,
  notes: [...a.notes],
}));

export interface FieldSpec {
  name: string;
  required: boolean;
  type: string;
  description: string;
}

export const REQUEST_HEADERS: readonly FieldSpec[] = [
  { name: "Content-Type", required: true, type: "string", description: "application/json" },
  {
    name: "AppKey",
    required: true,
    type: "string",
    description: "平台分配给应用的 AppKey",
  },
  {
    name: "Timestamp",
    required: true,
    type: "string",
    description: "13 位毫秒时间戳；与服务器时间相差超过 5 分钟的请求被拒绝（4015）",
  },
  {
    name: "Sign",
    required: true,
    type: "string",
    description:
      "MD5(AppKey + AppSecret + Timestamp + Path + Http Body) 的 32 位小写十六进制串；Path 为不含域名与查询串的请求路径，Body 为原样发送的请求体；同一 Sign 在 5 分钟内只能使用一次（4016）。AppSecret 轮换后，旧 AppSecret 在宽限期内仍可使用。",
  },
];

/** The EOP signature's headers (lib/gateway/eop.ts), sent instead of Timestamp and Sign. */
export const EOP_REQUEST_HEADERS: readonly FieldSpec[] = [
  { name: "Content-Type", required: true, type: "string", description: "application/json" },
  { name: "appkey", required: true, type: "string", description: "平台分配给应用的 AppKey（请求头名称不区分大小写）" },
  {
    name: "ctyun-eop-request-id",
    required: true,
    type: "string",
    description: "每次请求新生成的编号（建议 UUID，1–128 位字母、数字、连字符或下划线）；同一 AK 的同一编号在有效期内只能使用一次（4026）",
  },
  {
    name: "eop-date",
    required: true,
    type: "string",
    description:
      "请求时间 yyyymmddTHHMMSSZ，按 UTC 读取；与服务器 UTC 时间相差 5 分钟以内，或与服务器北京时间（UTC+8，许多脚本以本地时间加 Z 书写）相差 5 分钟以内均可，其余拒绝（4025）",
  },
  {
    name: "Eop-Authorization",
    required: true,
    type: "string",
    description:
      "<AK> Headers=appkey;ctyun-eop-request-id;eop-date Signature=<Base64>。Headers= 按顺序列出参与签名的请求头，须包含 ctyun-eop-request-id 与 eop-date。AK 须为应用所属账户在“账户 → AccessKey”中启用的 AK（4023）",
  },
];

/** How an EOP signature is computed, in the order a client does it (docs and /openapi.json). */
export const EOP_SIGNING_STEPS: readonly string[] = [
  "待签字符串 = 每个参与签名的请求头一行 name:value\n（按 Headers= 的顺序，名称小写）+ \n + 查询参数按名称排序后以 & 连接的 k=v（无则为空）+ \n + 请求体原样字节的 SHA-256 小写十六进制。",
  "kTime = HMAC-SHA256(SK, eop-date)；kAk = HMAC-SHA256(kTime, AK)；kDate = HMAC-SHA256(kAk, eop-date 的前 8 位)。",
  "Signature = Base64(HMAC-SHA256(kDate, 待签字符串))；服务端以常量时间比较（不符为 4024）。",
  "认证通过之后（参数校验、额度、频率限制、计量、返回格式与错误码）与 MD5 Sign 完全相同。",
];

export const REQUEST_FIELDS: readonly FieldSpec[] = [
  {
    name: "data",
    required: true,
    type: "list",
    description: `一张或多张图像 Base64 编码数据构成的 list（1–${IMAGE_LIMITS.maxImages} 张）；标准或 URL 安全 Base64 均可；单张不超过 ${bytes(IMAGE_LIMITS.maxImageBytes)}，宽高 ${IMAGE_LIMITS.minSide}–${IMAGE_LIMITS.maxSide} 像素，png/jpg/jpeg/bmp 格式。请求体总大小上限约 ${bytes(MAX_BODY_BYTES)}（${IMAGE_LIMITS.maxImages} 张 ${bytes(IMAGE_LIMITS.maxImageBytes)} 图片的 Base64）。`,
  },
];

export const RESPONSE_HEADERS: readonly FieldSpec[] = [
  { name: "X-Request-Id", required: true, type: "string", description: "本次请求的编号，联系我们时请提供" },
  { name: "X-Quota-Remaining", required: false, type: "integer", description: "已处理的请求：该应用该接口剩余可用调用次数" },
  { name: "Retry-After", required: false, type: "integer", description: "4020 时返回，建议等待的秒数" },
];

export interface ErrorCodeSpec {
  code: ApiCode;
  message: string;
  fix: string;
  /** HTTP status when the whole request fails; per-image codes are delivered inside a 200 */
  status: number;
  scope: "request" | "image" | "both";
  /** true for the manual's own codes (4001–4013, 5000) */
  manual: boolean;
}

const IMAGE_CODES: ApiCode[] = [4007, 4008, 4009, 4010, 4011, 4101, 4202];
const BOTH_CODES: ApiCode[] = [4019, 5000, 5001];

export const ERROR_CODES: readonly ErrorCodeSpec[] = (Object.keys(API_CODES).map(Number) as ApiCode[]).map((code) => ({
  code,
  message: API_CODES[code].message,
  fix: API_CODES[code].fix,
  status: API_CODES[code].status,
  scope: IMAGE_CODES.includes(code) ? "image" : BOTH_CODES.includes(code) ? "both" : "request",
  manual: (code >= 4001 && code <= 4013) || code === 5000,
}));

type JsonObject = Record<string, unknown>;

function schema(s: z.ZodType): JsonObject {
  const out = z.toJSONSchema(s, { unrepresentable: "any" }) as JsonObject;
  delete out.$schema;
  return out;
}

/** The OpenAPI 3.1 document served at /openapi.json. */
export function buildOpenApiDocument(serverUrl?: string): JsonObject {
  const paths: JsonObject = {};
  const errorStatuses = [...new Set(ERROR_CODES.filter((e) => e.status !== 200).map((e) => e.status))].sort();
  for (const route of API_ROUTES) {
    const responses: JsonObject = {
      "200": {
        description: `已处理。单张图片失败时在 result[] 中给出 err_code/err_msg：${ERROR_CODES.filter((e) => e.scope !== "request")
          .map((e) => `${e.code} ${e.message}`)
          .join("；")}`,
        headers: {
          "X-Request-Id": { schema: { type: "string" } },
          "X-Quota-Remaining": { schema: { type: "integer" } },
        },
        content: { "application/json": { schema: schema(successResponse(RESULT_SCHEMAS[APIS[route.api].resultSchema])) } },
      },
    };
    for (const status of errorStatuses) {
      const codes = ERROR_CODES.filter((e) => e.status === status);
      responses[String(status)] = {
        description: codes.map((e) => `${e.code} ${e.message}`).join("；"),
        headers: {
          "X-Request-Id": { schema: { type: "string" } },
          ...(status === 429 ? { "Retry-After": { schema: { type: "integer" } } } : {}),
        },
        content: { "application/json": { schema: schema(errorResponse) } },
      };
    }
    paths[route.path] = {
      post: {
        operationId: route.api,
        summary: route.title,
        description: [route.description, ...route.notes].join("\n\n"),
        parameters: [
          { name: "serviceCode", in: "path", required: true, description: "系统生成的服务码（控制台“我的应用”中该接口的服务码）", schema: { type: "string" } },
          ...REQUEST_HEADERS.filter((h) => h.name !== "Content-Type").map((h) => ({
            name: h.name,
            in: "header",
            required: h.name === "AppKey",
            description: h.name === "AppKey" ? h.description : `MD5 Sign 方式必填。${h.description}`,
            schema: h.name === "Timestamp" ? { type: "string", pattern: "^\\d{13}$" } : h.name === "Sign" ? { type: "string", pattern: "^[0-9a-f]{32}$" } : { type: "string" },
          })),
          ...EOP_REQUEST_HEADERS.filter((h) => h.name !== "Content-Type" && h.name !== "appkey").map((h) => ({
            name: h.name,
            in: "header",
            required: false,
            description: `EOP 签名方式必填。${h.description}`,
            schema: h.name === "eop-date" ? { type: "string", pattern: "^\\d{8}T\\d{6}Z$" } : { type: "string" },
          })),
        ],
        security: [{ md5Sign: [] }, { eopSignature: [] }],
        "x-codeSamples": samplesFor(route.api, serverUrl ?? "https://ocr.example.com", route.path)
          .filter((s) => s.lang !== "Bash")
          .map((s) => ({ lang: s.lang === "Node.js" ? "JavaScript" : s.lang, label: s.title, source: s.code })),
        requestBody: { required: true, content: { "application/json": { schema: schema(requestBody) } } },
        responses,
      },
    };
  }
  // The asynchronous batch API (lib/jobs), signed with the same headers.
  const first = Object.values(paths)[0] as { post: { parameters: unknown[] } } | undefined;
  Object.assign(paths, jobOpenApiPaths(first?.post.parameters ?? []));
  return {
    openapi: "3.1.0",
    info: {
      title: "OCR 开放接口",
      version: "1.0.0",
      description: `与用户操作手册第 4 章兼容的签名接口。错误码：${ERROR_CODES.map((e) => `${e.code}（HTTP ${e.status}${e.scope === "image" ? "，逐张" : ""}）${e.message}`).join("；")}`,
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
    components: {
      securitySchemes: {
        md5Sign: {
          type: "apiKey",
          in: "header",
          name: "Sign",
          description: `用户操作手册的签名：请求头 AppKey、Timestamp、Sign。${REQUEST_HEADERS.find((h) => h.name === "Sign")!.description}`,
        },
        eopSignature: {
          type: "apiKey",
          in: "header",
          name: "Eop-Authorization",
          description: `天翼云 EOP 签名（账户 AccessKey 的 AK/SK + 应用 AppKey），请求头 appkey、ctyun-eop-request-id、eop-date、Eop-Authorization。${EOP_SIGNING_STEPS.join(" ")} ${EOP_REQUEST_HEADERS.find((h) => h.name === "eop-date")!.description}。`,
        },
      },
    },
    "x-error-codes": ERROR_CODES,
  };
}
