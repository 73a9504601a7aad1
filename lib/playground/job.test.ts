/**
 * 在线调试's folder of images as one asynchronous job, against real PostgreSQL and the real
 * jobs handler (stand-in engine): signed with the app's secret and submitted like any job,
 * every image recognised and charged once, progress readable by the owner only.
 */
import { sql } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { handleJobsApi, runJobsOnce } from "@/lib/jobs";
import { grantPack } from "@/lib/quota/grant";
import { remainingCalls } from "@/lib/quota/remaining";
import { testDb } from "@/tests/helpers/db";
import { makeApp, makeUser } from "@/tests/helpers/fixtures";
import { standInEngine } from "@/tests/api/helpers";
import type { Send } from "./call";
import { folderJobStatus, submitFolderJob } from "./job";
import { folderJobSchema } from "./schemas";

const ORIGIN = "http://playground.test";
const engine = standInEngine();

describe.runIf(process.env.DATABASE_URL)("playground folder as a job", () => {
  it("submits the folder as one signed job; the owner follows its progress to the end; each image charged once", async () => {
    const db = await testDb();
    // claims are global: no other open job in this database
    await db.execute(sql`update ocr_jobs set state = '已取消' where state in ('排队中', '处理中')`);
    const user = await makeUser(db);
    const created = await makeApp(db, user.id);
    await grantPack(db, { appId: created.app.id, api: "general", calls: 10, source: "operator" });
    const send: Send = (req) => handleJobsApi(req, { engine, db });
    const png = (await sharp({ create: { width: 64, height: 48, channels: 3, background: "#fff" } }).png().toBuffer()).toString("base64");

    const res = await submitFolderJob(db, user.id, { appId: created.app.id, api: "general", images: [png, png, png] }, { send, origin: ORIGIN });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const body = res.value.body as { code: number; job_id: string; state: string; progress: { total: number } };
    expect(body).toMatchObject({ code: 0, state: "排队中", progress: { total: 3 } });

    expect(await folderJobStatus(db, user.id, created.app.id, body.job_id)).toMatchObject({ state: "排队中", progress: { done: 0, total: 3 } });
    while ((await runJobsOnce(db, engine, { limit: 10 })) > 0);
    expect(await folderJobStatus(db, user.id, created.app.id, body.job_id)).toMatchObject({ state: "已完成", progress: { done: 3, total: 3 }, message: { success: 3, fail: 0 } });
    expect(await remainingCalls(db, created.app.id, "general")).toBe(7);

    // someone else sees neither the app nor the job
    const other = await makeUser(db);
    expect(await folderJobStatus(db, other.id, created.app.id, body.job_id)).toBeNull();
    const refused = await submitFolderJob(db, other.id, { appId: created.app.id, api: "general", images: [png] }, { send, origin: ORIGIN });
    expect(refused.ok).toBe(false);
  });

  it("refuses an empty folder and more than 1,000 images before anything is sent", () => {
    expect(folderJobSchema.safeParse({ appId: "app_x", api: "general", images: [] }).error?.issues[0]?.message).toBe("文件夹中没有可识别的图片");
    expect(folderJobSchema.safeParse({ appId: "app_x", api: "general", images: Array(1001).fill("x") }).error?.issues[0]?.message).toBe("一个任务最多 1000 张图片");
  });
});
