/** zod schemas of the jobs API's status and cancel bodies (the handler and /openapi.json). */
import { z } from "zod";
import { MAX_PAGE_SIZE } from "./limits";

export const statusBody = z.object({
  job_id: z.string().min(1).max(64).describe("提交任务时返回的 job_id"),
  page: z.coerce.number().int().min(1).default(1).describe("结果页码，从 1 开始"),
  page_size: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(MAX_PAGE_SIZE).describe(`每页结果数，1–${MAX_PAGE_SIZE}`),
});
export const cancelBody = z.object({ job_id: z.string().min(1).max(64).describe("要取消的任务的 job_id") });
