"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { refuse } from "@/lib/console/errors";
import { authedAction } from "@/app/_server/session";
import { getApp } from "@/lib/apps/queries";
import { cancelJob } from "@/lib/jobs/manage";

const input = z.object({ appId: z.string().min(1).max(64), jobId: z.string().min(1).max(64) });

/** 取消任务: only the owner's application's job, only while it is queued or running. */
export const cancelJobAction = authedAction(input, async ({ appId, jobId }, { db, user }) => {
  const app = await getApp(db, user.id, appId);
  if (!app) return refuse("app_not_found");
  const res = await cancelJob(db, app.id, jobId);
  if (res === null) return refuse("job_not_found");
  if (res === "finished") return refuse("job_finished");
  revalidatePath(`/console/apps/${app.id}/jobs`);
  return { status: "ok", message: "任务已取消" };
});
