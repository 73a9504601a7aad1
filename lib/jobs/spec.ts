/**
 * The asynchronous batch API described once, for /docs/jobs and /openapi.json, from
 * the same zod schemas the handler validates with.
 */
import { z } from "zod";
import { API_KINDS, JOB_STATES } from "@/db/schema";
import { API_CODES } from "@/lib/api/codes";
import { RESULT_SCHEMAS, errorResponse, imageBase64, imageErrorSchema, nestedImages } from "@/lib/gateway/schemas";
import { cancelBody, statusBody } from "./schemas";
import { MAX_JOB_BODY_BYTES, MAX_JOB_IMAGES, DEFAULT_RETENTION_DAYS } from "./limits";
import { jobPath } from "./routes";

export const submitBody = z
  .object({
    data: z.array(z.union([imageBase64, nestedImages])).min(1).max(MAX_JOB_IMAGES).describe(`1–${MAX_JOB_IMAGES} 张图片的 Base64 串，单张规则与同步接口相同`),
    callback_url: z.string().url().optional().describe("任务结束（完成、部分失败或取消）时接收签名 POST 的 HTTPS 地址，可选"),
  })
  .describe(`请求体（不超过 ${MAX_JOB_BODY_BYTES / 1024 / 1024} MB）`);

const jobFields = {
  code: z.literal(0),
  job_id: z.string().describe("任务 ID"),
  api: z.enum(API_KINDS),
  state: z.enum(JOB_STATES).describe("排队中 / 处理中 / 已完成 / 部分失败 / 已取消"),
  progress: z.object({ done: z.number().int(), total: z.number().int() }).describe("已结束的图片数 / 总数"),
  message: z.object({ success: z.number().int(), fail: z.number().int() }).describe("成功与失败的图片数"),
  created_at: z.string(),
  finished_at: z.string().nullable(),
  expires_at: z.string().nullable().describe(`结果删除时间（任务结束后默认保留 ${DEFAULT_RETENTION_DAYS} 天）`),
  callback: z.object({ url: z.string(), state: z.enum(["none", "pending", "delivered", "failed"]), attempts: z.number().int() }).nullable(),
};

export const jobResponse = z.object(jobFields);
export function statusResponse(api: (typeof API_KINDS)[number]) {
  return z.object({
    ...jobFields,
    page: z.number().int(),
    page_size: z.number().int(),
    pages: z.number().int(),
    result: z.array(z.union([RESULT_SCHEMAS[api], imageErrorSchema, z.null()])).describe("按提交顺序的本页结果，形状与同步接口的 result[] 相同；未处理完的图片为 null"),
  });
}

export const JOB_NOTES = [
  "签名、请求头、服务码、重放与频率限制与同步接口完全相同（MD5 Sign 或 EOP 签名）；Path 为下列路径本身。",
  "提交后立即返回 job_id；图片在后台识别，每张成功的图片识别完成时从同一资源包扣 1 次，额度用完后其余图片逐张返回 4019，不会超额扣费。",
  "查询结果分页返回（page_size 最多 100）；结果在任务结束后保留 7 天（运营可调整），之后任务被删除，查询返回 4201。",
  "回调：任务结束时向 callback_url 发送 POST，请求体 {type: \"job.finished\", job: {...}}，请求头 X-OCR-Signature: t=<秒>,v1=<HMAC-SHA256(AppSecret, \"<t>.<原始请求体>\") 的十六进制>；非 2xx 时按 30 秒起倍增的间隔重试，最多 6 次。",
];

type JsonObject = Record<string, unknown>;
function schema(s: z.ZodType): JsonObject {
  const out = z.toJSONSchema(s, { unrepresentable: "any" }) as JsonObject;
  delete out.$schema;
  return out;
}

/** The jobs API's paths for /openapi.json, with the same parameters as the synchronous calls. */
export function jobOpenApiPaths(parameters: unknown[]): JsonObject {
  const paths: JsonObject = {};
  const codes = Object.entries(API_CODES).map(([code, c]) => `${code} ${c.message}`).join("；");
  const err = { description: `整次请求失败，或（result[] 中）单张图片失败：${codes}`, content: { "application/json": { schema: schema(errorResponse) } } };
  for (const api of API_KINDS) {
    const common = { tags: ["异步批量任务"], parameters };
    paths[jobPath(api, "submit")] = {
      post: {
        ...common,
        operationId: `${api}JobSubmit`,
        summary: `提交异步批量任务（${api}）`,
        description: JOB_NOTES.join("\n\n"),
        requestBody: { required: true, content: { "application/json": { schema: schema(submitBody) } } },
        responses: { "200": { description: "已受理", content: { "application/json": { schema: schema(jobResponse.extend({ queued: z.number().int() })) } } }, default: err },
      },
    };
    paths[jobPath(api, "status")] = {
      post: {
        ...common,
        operationId: `${api}JobStatus`,
        summary: `查询异步任务状态与结果（${api}）`,
        requestBody: { required: true, content: { "application/json": { schema: schema(statusBody) } } },
        responses: { "200": { description: "任务状态与本页结果", content: { "application/json": { schema: schema(statusResponse(api)) } } }, default: err },
      },
    };
    paths[jobPath(api, "cancel")] = {
      post: {
        ...common,
        operationId: `${api}JobCancel`,
        summary: `取消异步任务（${api}）`,
        requestBody: { required: true, content: { "application/json": { schema: schema(cancelBody) } } },
        responses: { "200": { description: "已取消", content: { "application/json": { schema: schema(jobResponse) } } }, default: err },
      },
    };
  }
  return paths;
}
