import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader, Table, Td } from "@/components/ui";
import { CallsByApiChart, ErrorRateChart, LatencyChart } from "@/components/ops/charts";
import { ms, pct, RangeTabs, Stat, StatGrid } from "@/components/ops/bits";
import { count } from "@/lib/format";
import { parseRange, RANGES } from "@/lib/ops/range";
import { platformUsage, type TopRow } from "@/lib/ops/reports";
import { API_LABELS } from "@/lib/catalogue/apis";
import { opsPage } from "../_server/guard";

export const metadata: Metadata = { title: "平台用量 · 运营" };

export const dynamic = "force-dynamic";

function TopTable({ rows, kind }: { rows: TopRow[]; kind: "app" | "account" }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">该时间范围内没有调用。</p>;
  return (
    <Table head={["#", kind === "app" ? "应用" : "账号", kind === "app" ? "所属账号" : "名称", "调用次数", "失败", "错误率"]} caption={kind === "app" ? "调用最多的应用" : "调用最多的账号"}>
      {rows.map((r, i) => (
        <tr key={r.id}>
          <Td>{i + 1}</Td>
          <Td>{kind === "app" ? <Link className="text-brand-600 hover:underline" href={`/ops/apps/${r.id}`}>{r.name}</Link> : r.email}</Td>
          <Td>{kind === "app" ? r.email : r.name}</Td>
          <Td className="tabular-nums">{count(r.calls)}</Td>
          <Td className="tabular-nums">{count(r.failed)}</Td>
          <Td className="tabular-nums">{pct(r.errorRate)}</Td>
        </tr>
      ))}
    </Table>
  );
}

export default async function OpsUsage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await opsPage();
  if (!ctx) return null;
  const range = parseRange((await searchParams).range);
  const u = await platformUsage(ctx.db, range);
  return (
    <>
      <PageHeader title="平台用量" description={`所有租户的开放 API 调用（${RANGES[range].label}），按分钟汇总`} actions={<RangeTabs base="/ops/usage" current={range} />} />
      <StatGrid>
        <Stat label="调用次数" value={count(u.totals.calls)} />
        <Stat label="失败次数" value={count(u.totals.failed)} />
        <Stat label="错误率" value={pct(u.totals.errorRate)} tone={(u.totals.errorRate ?? 0) >= 5 ? "red" : undefined} />
        <Stat label="p95 延迟" value={ms(u.totals.p95Ms)} />
      </StatGrid>
      <div className="grid gap-6 xl:grid-cols-2">
        <Card title="各 API 调用量" className="min-w-0 xl:col-span-2">
          <CallsByApiChart points={u.points} />
        </Card>
        <Card title="错误率" className="min-w-0">
          <ErrorRateChart points={u.points} />
        </Card>
        <Card title="p95 延迟" className="min-w-0">
          <LatencyChart points={u.points} />
        </Card>
      </div>
      <div className="mt-6 space-y-6">
        <Card title="按 API">
          <Table head={["API", "调用次数", "失败", "错误率", "p50", "p95"]} caption="按 API 汇总">
            {u.byApi.map((a) => (
              <tr key={a.api}>
                <Td>{API_LABELS[a.api]}</Td>
                <Td className="tabular-nums">{count(a.calls)}</Td>
                <Td className="tabular-nums">{count(a.failed)}</Td>
                <Td className="tabular-nums">{pct(a.errorRate)}</Td>
                <Td className="tabular-nums">{ms(a.p50Ms)}</Td>
                <Td className="tabular-nums">{ms(a.p95Ms)}</Td>
              </tr>
            ))}
          </Table>
        </Card>
        <div className="grid gap-6 2xl:grid-cols-2">
          <Card title="调用最多的应用" className="min-w-0">
            <TopTable rows={u.topApps} kind="app" />
          </Card>
          <Card title="调用最多的账号" className="min-w-0">
            <TopTable rows={u.topAccounts} kind="account" />
          </Card>
        </div>
      </div>
    </>
  );
}
