import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/app/_server/session";
import { Badge, Button, ButtonLink, EmptyState, inputClass, Input, PageHeader, Table, Td } from "@/components/ui";
import { API_KINDS } from "@/db/schema";
import { API_LABELS } from "@/lib/catalogue/apis";
import { API_CODES, type ApiCode } from "@/lib/api/codes";
import { getApp } from "@/lib/apps/queries";
import { bytes, count, shTime } from "@/lib/format";
import { callFilterSchema, listCalls } from "@/lib/monitoring";
import { Breadcrumbs, SECTION } from "@/components/breadcrumbs";

export const metadata: Metadata = { title: "调用记录" };

type Search = Promise<Record<string, string | string[] | undefined>>;

function codeMessage(code: number): string {
  return code === 0 ? "成功" : (API_CODES[code as ApiCode]?.message ?? "");
}

export default async function CallsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Search }) {
  const { id } = await params;
  const sp = await searchParams;
  const { db, user } = await requireUser();
  const app = await getApp(db, user.id, id);
  if (!app) notFound();
  const filter = callFilterSchema.parse(Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const { rows, next } = await listCalls(db, { userId: user.id, appId: app.id, filter });
  const filtered = !!(filter.api || filter.code || filter.from || filter.to || filter.q);
  const nextHref = next ? `?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v)), before: next })}` : null;

  return (
    <>
      <Breadcrumbs items={[SECTION.apps, { label: app.name, href: `/console/apps/${app.id}` }, { label: "调用记录" }]} />
      <PageHeader
        title="调用记录"
        description="最近的接口调用，时间为北京时间。调试失败的请求时，用响应头 X-Request-Id 搜索。"
        actions={<ButtonLink href={`/console/monitor?app=${app.id}`} variant="secondary">应用监控</ButtonLink>}
      />

      <form method="get" className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-[1.4fr_1fr_1fr_1fr_1fr_auto] lg:items-end">
        <label className="space-y-1 text-sm text-slate-600">
          <span className="block">请求 ID</span>
          <Input name="q" defaultValue={filter.q} placeholder="req_…" aria-label="请求 ID" />
        </label>
        <label className="space-y-1 text-sm text-slate-600">
          <span className="block">接口</span>
          <select name="api" defaultValue={filter.api} className={inputClass} aria-label="接口">
            <option value="">全部接口</option>
            {API_KINDS.map((k) => (
              <option key={k} value={k}>
                {API_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1 text-sm text-slate-600">
          <span className="block">返回码</span>
          <select name="code" defaultValue={filter.code} className={inputClass} aria-label="返回码">
            <option value="">全部</option>
            <option value="ok">成功（0）</option>
            <option value="failed">全部失败</option>
            {Object.keys(API_CODES).map((c) => (
              <option key={c} value={c}>
                {c} {API_CODES[Number(c) as ApiCode].message.slice(0, 14)}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1 text-sm text-slate-600">
          <span className="block">开始时间</span>
          <Input type="datetime-local" name="from" defaultValue={filter.from} aria-label="开始时间" />
        </label>
        <label className="space-y-1 text-sm text-slate-600">
          <span className="block">结束时间</span>
          <Input type="datetime-local" name="to" defaultValue={filter.to} aria-label="结束时间" />
        </label>
        <div className="flex gap-2">
          <Button type="submit">查询</Button>
          {filtered && (
            <ButtonLink href="?" variant="ghost">
              清除
            </ButtonLink>
          )}
        </div>
      </form>

      {rows.length === 0 ? (
        <EmptyState
          title={filtered ? "没有符合条件的调用" : "还没有调用记录"}
          description={filtered ? "请调整筛选条件；请求 ID 需完整输入。" : "按 API 文档签名调用接口后，每次请求都会出现在这里。"}
        />
      ) : (
        <>
          <Table head={["请求 ID", "接口", "返回码", "成功/失败图片", "响应时间", "流量 入/出", "时间"]} caption="调用记录">
            {rows.map((r) => (
              <tr key={r.id} data-testid="call-row">
                <Td className="font-mono text-xs">{r.requestId}</Td>
                <Td>{r.api ? API_LABELS[r.api] : "—"}</Td>
                <Td>
                  <span title={codeMessage(r.code)} className="inline-flex items-center gap-1.5">
                    {r.code === 0 ? <Badge tone="green">0</Badge> : <Badge tone="red">{r.code}</Badge>}
                    <span className="max-w-48 truncate text-xs text-slate-500">{r.code === 0 ? `HTTP ${r.httpStatus}` : codeMessage(r.code)}</span>
                  </span>
                </Td>
                <Td className="tabular-nums">
                  <span className="text-emerald-700">{r.imagesOk}</span> / <span className={r.imagesFailed ? "text-red-600" : ""}>{r.imagesFailed}</span>
                </Td>
                <Td className="tabular-nums">{count(r.latencyMs)} ms</Td>
                <Td className="tabular-nums text-xs">
                  {bytes(r.bytesIn)} / {bytes(r.bytesOut)}
                </Td>
                <Td className="tabular-nums">{shTime(r.createdAt)}</Td>
              </tr>
            ))}
          </Table>
          <div className="mt-3 flex items-center justify-between text-sm text-slate-500">
            <span>每页 {rows.length} 条，按时间倒序</span>
            <span className="flex gap-2">
              {filter.before && (
                <ButtonLink href={`?${new URLSearchParams(Object.fromEntries(Object.entries(filter).filter(([k, v]) => v && k !== "before")))}`} variant="secondary">
                  回到最新
                </ButtonLink>
              )}
              {nextHref && (
                <ButtonLink href={nextHref} variant="secondary">
                  更早的记录
                </ButtonLink>
              )}
            </span>
          </div>
        </>
      )}
    </>
  );
}
