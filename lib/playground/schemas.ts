/** zod schemas of the playground's console endpoints (browser-safe; the page builds its requests to match). */
import { z } from "zod";
import { MAX_JOB_BODY_BYTES, MAX_JOB_IMAGES } from "@/lib/jobs/caps";
import { PLAYGROUND_APIS } from "./apis";
import { base64Length, LIMITS } from "./validate";

export const apiSchema = z.enum(PLAYGROUND_APIS, { message: "请选择接口" });
const appId = z.string({ message: "请选择应用" }).min(1, "请选择应用").max(64);

/** A few bytes over the 10 MB file in Base64 still reach the gateway, which then answers 4010 itself. */
const MAX_B64 = base64Length(LIMITS.maxBytes) + 1024;

export const callSchema = z.object({
  appId,
  api: apiSchema,
  images: z
    .array(z.string().min(1, "图片数据为空").max(MAX_B64, "单张图片大小超过 10M"))
    .min(1, "请先添加图片")
    .max(LIMITS.maxImages, "图片 list 内图片数量超过 50 张"),
});
export type CallInput = z.infer<typeof callSchema>;

export const codeSchema = z.object({ appId, api: apiSchema });
export type CodeInput = z.infer<typeof codeSchema>;

/** The request body cap of the call endpoint: 50 images at the limit, plus the JSON around them. */
export const MAX_CALL_BODY = LIMITS.maxImages * MAX_B64 + 64 * 1024;

/** A folder of images run as one asynchronous job (在线调试 → 文件夹批量识别). */
export const folderJobSchema = z.object({
  appId,
  api: apiSchema,
  images: z
    .array(z.string().min(1, "图片数据为空").max(MAX_B64, "单张图片大小超过 10M"))
    .min(1, "文件夹中没有可识别的图片")
    .max(MAX_JOB_IMAGES, `一个任务最多 ${MAX_JOB_IMAGES} 张图片`),
});
export type FolderJobInput = z.infer<typeof folderJobSchema>;

/** The folder job endpoint's body cap: the jobs API's 100 MB, plus the JSON around it. */
export const MAX_FOLDER_JOB_BODY = MAX_JOB_BODY_BYTES + 64 * 1024;

export const jobStatusQuery = z.object({ appId, jobId: z.string().min(1, "缺少任务 ID").max(64) });
