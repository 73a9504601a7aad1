/**
 * The customer's call log (我的应用 → 最近调用): one application's calls, newest first,
 * filtered by API, result code and time, or looked up by the X-Request-Id a response
 * carried. Keyset pagination on (created_at, id) keeps page 100 as fast as page 1.
 */
import { z } from "zod";
import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { API_KINDS, type ApiKindColumn } from "@/db/schema";

export const CALLS_PAGE_SIZE = 50;

/** Query-string filters of the call log page; "" means "any". */
export const callFilterSchema = z.object({
  api: z.enum(API_KINDS).or(z.literal("")).default(""),
  /** "" any, "ok" code 0, "failed" any error, or one code such as 4014 */
  code: z
    .string()
    .regex(/^(ok|failed|\d{1,5})?$/)
    .default("")
    .catch(""),
  /** datetime-local values, read as Asia/Shanghai */
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/).or(z.literal("")).default("").catch(""),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/).or(z.literal("")).default("").catch(""),
  q: z.string().trim().max(64).default("").catch(""),
  /** cursor: "<iso created_at>_<id>" of the last row of the previous page */
  before: z.string().max(80).default("").catch(""),
});
export type CallFilter = z.infer<typeof callFilterSchema>;

export interface CallRow {
  id: number;
  requestId: string;
  api: ApiKindColumn | null;
  httpStatus: number;
  code: number;
  imagesOk: number;
  imagesFailed: number;
  latencyMs: number;
  bytesIn: number;
  bytesOut: number;
  createdAt: Date;
}

/** "2024-05-01T09:30" typed in Shanghai → the instant. */
export function shanghaiLocal(s: string): Date | null {
  if (!s) return null;
  const d = new Date(`${s}:00+08:00`);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function cursorOf(row: CallRow): string {
  return `${row.createdAt.toISOString()}_${row.id}`;
}

export async function listCalls(
  db: DbOrTx,
  p: { userId: string; appId: string; filter: CallFilter; limit?: number },
): Promise<{ rows: CallRow[]; next: string | null }> {
  const f = p.filter;
  const limit = p.limit ?? CALLS_PAGE_SIZE;
  const conds: SQL[] = [sql`app_id = ${p.appId}`, sql`user_id = ${p.userId}`];
  if (f.q) conds.push(sql`request_id = ${f.q}`);
  if (f.api) conds.push(sql`api = ${f.api}`);
  if (f.code === "ok") conds.push(sql`code = 0`);
  else if (f.code === "failed") conds.push(sql`code <> 0`);
  else if (f.code === "0") conds.push(sql`code = 0`);
  // the explicit `code <> 0` lets the planner use the small partial index of failed calls
  else if (f.code) conds.push(sql`code = ${Number(f.code)}`, sql`code <> 0`);
  const from = shanghaiLocal(f.from);
  const to = shanghaiLocal(f.to);
  if (from) conds.push(sql`created_at >= ${from.toISOString()}::timestamptz`);
  if (to) conds.push(sql`created_at < ${new Date(to.getTime() + 60_000).toISOString()}::timestamptz`);
  const m = /^(.+)_(\d+)$/.exec(f.before);
  if (m && !Number.isNaN(new Date(m[1]!).getTime())) {
    conds.push(sql`(created_at, id) < (${new Date(m[1]!).toISOString()}::timestamptz, ${Number(m[2])})`);
  }
  const rows = rowsOf<{
    id: string | number;
    request_id: string;
    api: ApiKindColumn | null;
    http_status: number;
    code: number;
    images_ok: number;
    images_failed: number;
    latency_ms: number;
    bytes_in: number;
    bytes_out: number;
    created_at: Date | string;
  }>(
    await db.execute(sql`select id, request_id, api, http_status, code, images_ok, images_failed, latency_ms, bytes_in, bytes_out, created_at
      from calls where ${sql.join(conds, sql` and `)}
      order by created_at desc, id desc limit ${limit + 1}`),
  );
  const out: CallRow[] = rows.slice(0, limit).map((r) => ({
    id: Number(r.id),
    requestId: r.request_id,
    api: r.api,
    httpStatus: r.http_status,
    code: r.code,
    imagesOk: r.images_ok,
    imagesFailed: r.images_failed,
    latencyMs: r.latency_ms,
    bytesIn: r.bytes_in,
    bytesOut: r.bytes_out,
    createdAt: new Date(r.created_at),
  }));
  return { rows: out, next: rows.length > limit ? cursorOf(out[out.length - 1]!) : null };
}
