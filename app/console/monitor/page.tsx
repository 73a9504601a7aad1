import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/session";
import { BurndownChart, type BurnSeries } from "@/components/charts/burndown-chart";
import { MetricsCharts } from "@/components/charts/metrics-charts";
import { NavSelect } from "@/components/charts/nav-select";
import { ButtonLink, Card, cx, EmptyState, PageHeader } from "@/components/ui";
import { API_KINDS, type ApiKindColumn } from "@/db/schema";
import { API_LABELS } from "@/lib/catalogue/apis";
import { listApps } from "@/lib/apps/queries";
import { bytes, count, shDate, shTime } from "@/lib/format";
import { clipPath, forecastText, getBurndown, getMetrics, isRange, RANGE_KEYS, RANGES, type RangeKey } from "@/lib/monitoring";

export const metadata: Metadata = { title: "应用监控" };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

function href(q: { app: string; api: string; range: RangeKey }): string {
  const p = new URLSearchParams();
  if (q.app) p.set("app", q.app);
  if (q.api) p.set("api", q.api);
  p.set("range", q.range);
  return `/console/monitor?${p}`;
}

function Stat({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <div className="text-xs text-slate-500">{label}</div>
      <div data-testid={testId} className="mt-1 text-lg font-semibold tabular-nums text-slate-900">
        {value}
      </div>
      {hint && <div className="text-xs text-slate-400">{hint}</div>}
    </div>
  );
}

export default async function MonitorPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const { db, user } = await requireUser();
  const appList = await listApps(db, user.id);
  const range: RangeKey = isRange(one(sp.range)) ? (one(sp.range) as RangeKey) : "24h";
  const appId = appList.some((a) => a.id === one(sp.app)) ? one(sp.app) : "";
  const api = (API_KINDS as readonly string[]).includes(one(sp.api)) ? (one(sp.api) as ApiKindColumn) : "";
  const q = { app: appId, api, range };

  if (appList.length === 0) {
    return (
      <>
        <PageHeader title="应用监控" description="查看应用的请求次数、响应时间与请求流量。" />
        <EmptyState title="还没有应用" description="创建应用并调用接口后，这里会显示监控图表。" action={<ButtonLink href="/console/apps?new=1">创建应用</ButtonLink>} />
      </>
    );
  }

  const now = new Date();
  const [m, burn] = await Promise.all([getMetrics(db, { userId: user.id, appId, api: api || null, range, now }), getBurndown(db, { userId: user.id, appId, now })]);
  const t = m.totals;
  const burnShown = burn.filter((b) => b.hasPacks && (!api || b.api === api));
  const horizon = now.getTime() + 30 * 86_400_000;
  const series: BurnSeries[] = burnShown.map((b) => ({
    key: b.api,
    label: API_LABELS[b.api],
    points: b.points,
    forecast: b.forecast.kind === "idle" ? [] : clipPath(b.forecastPath, horizon),
  }));

  return (
    <>
      <PageHeader title="应用监控" description={`请求次数、响应时间与请求流量 · ${RANGES[range].label}，每 ${RANGES[range].bucketLabel}一个点 · 北京时间`} />
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <NavSelect
          label="应用"
          value={appId}
          options={[{ value: "", label: "全部应用", href: href({ ...q, app: "" }) }, ...appList.map((a) => ({ value: a.id, label: a.name, href: href({ ...q, app: a.id }) }))]}
        />
        <NavSelect
          label="接口"
          value={api}
          options={[{ value: "", label: "全部接口", href: href({ ...q, api: "" }) }, ...API_KINDS.map((k) => ({ value: k, label: API_LABELS[k], href: href({ ...q, api: k }) }))]}
        />
        <nav aria-label="时间范围" className="flex rounded-md border border-slate-300 bg-white p-0.5 sm:ml-auto">
          {RANGE_KEYS.map((r) => (
            <Link
              key={r}
              href={href({ ...q, range: r })}
              aria-current={r === range ? "page" : undefined}
              className={cx("rounded px-3 py-1.5 text-sm", r === range ? "bg-brand-600 text-white" : "text-slate-600 hover:text-brand-600")}
            >
              {RANGES[r].label}
            </Link>
          ))}
        </nav>
      </div>

      <div className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <Stat label="请求次数" value={count(t.calls)} testId="total-calls" />
        <Stat label="失败次数" value={count(t.failed)} hint={t.errorRate === null ? undefined : `失败率 ${(t.errorRate * 100).toFixed(1)}%`} testId="total-failed" />
        <Stat label="识别图片" value={count(t.imagesOk)} hint={t.imagesFailed ? `失败 ${count(t.imagesFailed)} 张` : undefined} testId="total-images" />
        <Stat label="响应时间 p50 / p95" value={t.p50 === null ? "—" : `${Math.round(t.p50)} / ${Math.round(t.p95 ?? 0)} ms`} hint={t.avgMs === null ? undefined : `平均 ${Math.round(t.avgMs)} ms`} testId="total-latency" />
        <Stat label="入流量" value={bytes(t.bytesIn)} testId="total-bytes-in" />
        <Stat label="出流量" value={bytes(t.bytesOut)} testId="total-bytes-out" />
      </div>

      {t.calls === 0 ? (
        <EmptyState
          title={`${RANGES[range].label}内没有请求`}
          description="按 API 文档签名调用接口后，请求次数、响应时间与流量会在一分钟内出现在这里。"
          action={<ButtonLink href="/docs" variant="secondary">查看 API 文档</ButtonLink>}
        />
      ) : (
        <MetricsCharts points={m.points} bucketMs={m.bucketMs} />
      )}

      <Card className="mt-6" title="额度消耗" actions={<span className="text-xs text-slate-500">近 30 天剩余次数 · 虚线为预测</span>}>
        {series.length === 0 ? (
          <p className="text-sm text-slate-500">所选应用还没有资源包。领取免费额度或购买资源包后，这里显示剩余次数的变化与用完日期预测。</p>
        ) : (
          <>
            <BurndownChart series={series} />
            <ul className="mt-4 grid gap-2 text-sm sm:grid-cols-3" data-testid="forecast">
              {burnShown.map((b) => (
                <li key={b.api} className="rounded-md bg-slate-50 px-3 py-2">
                  <div className="font-medium text-slate-800">
                    {API_LABELS[b.api]} · 剩余 {count(b.left)} 次
                  </div>
                  <div className="text-slate-500">{forecastText(b.forecast, b.dailyRate, (t) => shDate(new Date(t)))}</div>
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>
      <p className="mt-3 text-xs text-slate-400">数据截至 {shTime(now)}（北京时间），每分钟汇总一次。</p>
    </>
  );
}
