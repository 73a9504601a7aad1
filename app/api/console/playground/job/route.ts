/**
 * POST /api/console/playground/job — a folder of images from 在线调试 submitted as one
 * asynchronous job of a signed-in user's application (signed on the server, handed in-process
 * to the jobs route). GET ?appId=&jobId= — that job's state and progress.
 */
import { NextResponse } from "next/server";
import { withSession } from "@/app/_server/session";
import { POST as jobsRoute } from "@/app/v1/aiop/jobs/[[...path]]/route";
import { folderJobStatus, submitFolderJob } from "@/lib/playground/job";
import { folderJobSchema, jobStatusQuery, MAX_FOLDER_JOB_BODY } from "@/lib/playground/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withSession(async (req, { db, user }) => {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_FOLDER_JOB_BODY) return NextResponse.json({ message: "图片总大小超过 100MB，请分成几个任务提交" }, { status: 413 });
  const parsed = folderJobSchema.safeParse(await req.json().catch(() => null));
  if (!parsed.success) return NextResponse.json({ message: parsed.error.issues[0]?.message ?? "请求有误" }, { status: 400 });
  const res = await submitFolderJob(db, user.id, parsed.data, { send: (r) => jobsRoute(r), origin: new URL(req.url).origin });
  if (!res.ok) return NextResponse.json({ message: res.message }, { status: res.code === "jobs_unreachable" ? 502 : 404 });
  return NextResponse.json(res.value);
});

export const GET = withSession(async (req, { db, user }) => {
  const q = jobStatusQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!q.success) return NextResponse.json({ message: q.error.issues[0]?.message ?? "请求有误" }, { status: 400 });
  const job = await folderJobStatus(db, user.id, q.data.appId, q.data.jobId);
  if (!job) return NextResponse.json({ message: "任务不存在或已过保留期" }, { status: 404 });
  return NextResponse.json(job);
});
