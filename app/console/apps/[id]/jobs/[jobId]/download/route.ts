/** GET …/jobs/{jobId}/download?format=json|csv — a job's results, for the owner of its application. */
import { consoleMessage } from "@/lib/console/errors";
import { NextResponse } from "next/server";
import { withSession } from "@/app/_server/session";
import { getApp } from "@/lib/apps/queries";
import { resultsCsv } from "@/lib/jobs/export";
import { getJob, jobResults, jobView } from "@/lib/jobs/manage";
import { MAX_JOB_IMAGES } from "@/lib/jobs/limits";

type Route = { params: Promise<{ id: string; jobId: string }> };

export const GET = withSession<Route>(async (req, { db, user }, { params }) => {
  const { id, jobId } = await params;
  const app = await getApp(db, user.id, id);
  const job = app ? await getJob(db, app.id, jobId) : null;
  if (!job) return NextResponse.json({ code: "job_not_found", message: consoleMessage("job_not_found") }, { status: 404 });
  const results: unknown[] = [];
  for (let page = 1; results.length < job.total && page <= MAX_JOB_IMAGES / 100; page++) results.push(...(await jobResults(db, job.id, page, 100)));
  const csv = new URL(req.url).searchParams.get("format") === "csv";
  const body = csv ? resultsCsv(job.api, results as (Record<string, unknown> | null)[]) : JSON.stringify({ code: 0, ...jobView(job), result: results }, null, 2);
  return new Response(body, {
    headers: {
      "content-type": csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${job.id}.${csv ? "csv" : "json"}"`,
      "cache-control": "no-store",
    },
  });
});

export const dynamic = "force-dynamic";
