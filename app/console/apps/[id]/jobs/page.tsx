import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/app/_server/session";
import { ConfirmAction } from "@/components/confirm-action";
import { JobRefresher } from "@/components/job-refresher";
import { ProgressBar } from "@/components/progress-bar";
import { Badge, ButtonLink, EmptyState, PageHeader, Table, Td } from "@/components/ui";
import type { JobState } from "@/db/schema";
import { API_LABELS } from "@/lib/catalogue/apis";
import { getApp } from "@/lib/apps/queries";
import { shTime } from "@/lib/format";
import { listJobs } from "@/lib/jobs/manage";
import { retentionDays } from "@/lib/jobs/limits";
import { ACTIVE_STATES } from "@/lib/jobs/state";
import { cancelJobAction } from "./actions";
import { Breadcrumbs, SECTION } from "@/components/breadcrumbs";

export const metadata: Metadata = { title: "异步任务" };

const TONE: Record<JobState, "slate" | "amber" | "green" | "red"> = { 排队中: "slate", 处理中: "amber", 已完成: "green", 部分失败: "red", 已取消: "slate" };

export default async function JobsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { db, user } = await requireUser();
  const app = await getApp(db, user.id, id);
  if (!app) notFound();
  const [jobs, keepDays] = await Promise.all([listJobs(db, app.id, 100), retentionDays(db)]);
  const anyActive = jobs.some((j) => ACTIVE_STATES.includes(j.state));

  return (
    <>
      <Breadcrumbs items={[SECTION.apps, { label: app.name, href: `/console/apps/${app.id}` }, { label: "异步任务" }]} />
      <PageHeader
        title="异步任务"
        description={`通过异步批量接口提交的任务（最近 100 个），时间为北京时间。结果在任务结束后保留 ${keepDays} 天。`}
        actions={
          <ButtonLink href="/docs/jobs" variant="secondary">
            异步任务文档
          </ButtonLink>
        }
      />
      <JobRefresher active={anyActive} />
      {jobs.length === 0 ? (
        <EmptyState title="还没有异步任务" description="用异步批量接口提交最多 1000 张图片的任务，或在“在线调试”中选择一个文件夹。" action={<ButtonLink href="/docs/jobs">查看文档</ButtonLink>} />
      ) : (
        <Table caption="异步任务" head={["任务 ID", "接口", "状态", "进度", "成功 / 失败", "提交时间", "操作"]}>
          {jobs.map((j) => (
            <tr key={j.id}>
              <Td className="font-mono text-xs">{j.id}</Td>
              <Td>{API_LABELS[j.api]}</Td>
              <Td>
                <Badge tone={TONE[j.state]}>{j.state}</Badge>
              </Td>
              <Td>
                <ProgressBar done={j.done} total={j.total} label={`任务 ${j.id} 进度`} />
              </Td>
              <Td className="tabular-nums">
                {j.ok} / {j.failed}
              </Td>
              <Td>{shTime(j.createdAt)}</Td>
              <Td>
                <span className="flex items-center gap-2">
                  <a className="text-brand-600 hover:underline" href={`/console/apps/${app.id}/jobs/${j.id}/download?format=json`} download>
                    JSON
                  </a>
                  <a className="text-brand-600 hover:underline" href={`/console/apps/${app.id}/jobs/${j.id}/download?format=csv`} download>
                    CSV
                  </a>
                  {ACTIVE_STATES.includes(j.state) && (
                    <ConfirmAction
                      label="取消"
                      title="取消任务"
                      confirmLabel="确认取消"
                      action={cancelJobAction}
                      fields={{ appId: app.id, jobId: j.id }}
                      variant="ghost"
                      description={<p>尚未识别的 {j.total - j.done} 张图片将不再识别，也不计费；已完成的结果保留。取消后无法恢复。</p>}
                    />
                  )}
                </span>
              </Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
