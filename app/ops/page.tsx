import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader, Table, Td } from "@/components/ui";
import { RevenueChart } from "@/components/ops/charts";
import { EngineHealth } from "@/components/ops/engine-health";
import { OrderStatusBadge, RangeTabs, Stat, StatGrid } from "@/components/ops/bits";
import { cny, count, shTime } from "@/lib/format";
import { AUDIT_ACTIONS, listAudit } from "@/lib/ops/audit";
import { engineHealth } from "@/lib/ops/engine";
import { listAllOrders, paidFen } from "@/lib/ops/orders-admin";
import { API_LABELS } from "@/lib/catalogue/apis";
import { parseRange, RANGES } from "@/lib/ops/range";
import { overview, revenueSeries } from "@/lib/ops/reports";
import { opsPage } from "./_server/guard";

export const metadata: Metadata = { title: "概览 · 运营" };

export const dynamic = "force-dynamic";

export default async function OpsHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await opsPage();
  if (!ctx) return null;
  const range = parseRange((await searchParams).range, "30d");
  const [o, revenue, audit, recent] = await Promise.all([
    overview(ctx.db),
    revenueSeries(ctx.db, range),
    listAudit(ctx.db, { limit: 8 }),
    listAllOrders(ctx.db, { page: 1 }),
  ]);
  return (
    <>
      <PageHeader title="运营概览" description="跨租户的账号、应用、订单、收入与引擎状态" />
      <StatGrid>
        <Stat label="客户账号" value={count(o.accounts.customers)} hint={`已实名 ${count(o.accounts.verified)} · 运营 ${o.accounts.operators}`} />
        <Stat label="应用" value={count(o.apps.active)} hint={`已停用 ${count(o.apps.disabled)}`} />
        <Stat label="订单" value={count(o.orders.completed)} hint={`待支付 ${count(o.orders.pending)} · 已取消 ${count(o.orders.cancelled)}`} />
        <Stat label="累计实收" value={cny(o.orders.revenueFen)} hint="已完成订单，扣除代金券与优惠券" />
      </StatGrid>
      <div className="grid gap-6 xl:grid-cols-[2fr_1fr]">
        <Card title="收入" className="min-w-0">
          <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm text-slate-600">
              近{RANGES[range].label}实收 <span className="font-semibold text-slate-900">{cny(revenue.totalFen)}</span>，{revenue.orders} 笔订单
            </p>
            <RangeTabs base="/ops" current={range} />
          </div>
          <RevenueChart points={revenue.points} />
        </Card>
        <Card title="引擎健康" className="min-w-0">
          <EngineHealth initial={engineHealth()} />
        </Card>
      </div>
      <div className="mt-6">
        <Card title="最近订单" actions={<Link className="text-sm text-brand-600 hover:underline" href="/ops/orders">全部订单</Link>}>
          {recent.rows.length === 0 ? (
            <p className="text-sm text-slate-500">暂无订单。</p>
          ) : (
            <Table head={["订单号", "账号", "API", "状态", "实收", "创建时间"]} caption="最近订单">
              {recent.rows.slice(0, 5).map((r) => (
                <tr key={r.id}>
                  <Td className="font-mono text-xs">{r.id}</Td>
                  <Td>{r.email}</Td>
                  <Td>{API_LABELS[r.api]}</Td>
                  <Td>
                    <OrderStatusBadge status={r.status} />
                  </Td>
                  <Td className="tabular-nums">{r.status === "已完成" ? cny(paidFen(r)) : "—"}</Td>
                  <Td>{shTime(r.createdAt)}</Td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
      </div>
      <div className="mt-6">
        <Card title="最近操作" actions={<Link className="text-sm text-brand-600 hover:underline" href="/ops/audit">全部操作审计</Link>}>
          {audit.rows.length === 0 ? (
            <p className="text-sm text-slate-500">暂无运营操作。</p>
          ) : (
            <Table head={["时间", "操作人", "操作", "对象", "原因"]} caption="最近操作">
              {audit.rows.map((r) => (
                <tr key={r.id}>
                  <Td>{shTime(r.createdAt)}</Td>
                  <Td>{r.actorEmail ?? r.actorId}</Td>
                  <Td>{AUDIT_ACTIONS[r.action] ?? r.action}</Td>
                  <Td className="font-mono text-xs">{r.targetId}</Td>
                  <Td className="max-w-xs truncate">{r.reason || "—"}</Td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
