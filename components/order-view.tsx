import type { ReactNode } from "react";
import type { Order, OrderLine } from "@/db/schema";
import { shTime, tierLabel, yuan } from "@/lib/format";
import { API_LABELS } from "@/lib/catalogue/apis";
import { Badge, Table, Td } from "./ui";

/** Order views shared by 订单详情, 支付 and 支付结果 (the manual's 订单管理 layout). */

export function OrderStatusBadge({ status }: { status: Order["status"] }) {
  const tone = status === "已完成" ? "green" : status === "待支付" ? "amber" : "slate";
  return (
    <span data-testid="order-status">
      <Badge tone={tone}>{status}</Badge>
    </span>
  );
}

export function OrderHeader({ order }: { order: Order }) {
  const items: [string, ReactNode][] = [
    ["订单号", <span key="n" className="font-mono" data-testid="order-number">{order.id}</span>],
    ["产品类型", order.productType],
    ["创建时间", shTime(order.createdAt)],
    ["更新时间", shTime(order.updatedAt)],
  ];
  return (
    <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
      {items.map(([k, v]) => (
        <div key={k} className="flex gap-1.5">
          <dt className="text-slate-500">{k}:</dt>
          <dd className="text-slate-800">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** 产品 / 配置 / 订购数量 / 周期 / 金额 (元), then 费用合计. */
export function OrderLines({ order, lines, appName }: { order: Order; lines: OrderLine[]; appName?: string }) {
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span className="font-medium text-slate-900">
          {API_LABELS[order.api]}
          {appName ? <span className="ml-1 font-normal text-slate-500">（应用：{appName}）</span> : null}
        </span>
        <OrderStatusBadge status={order.status} />
        <span className="text-slate-700">{yuan(order.totalFen)}元</span>
      </div>
      <Table head={["产品", "配置", "订购数量", "周期", "金额 (元)"]} caption="订单明细">
        {lines.map((l) => (
          <tr key={l.id}>
            <Td>{API_LABELS[order.api]}</Td>
            <Td>{tierLabel(l.tier)} · 单价 {yuan(l.unitPriceFen)}</Td>
            <Td>x {l.quantity}</Td>
            <Td>1年</Td>
            <Td className="tabular-nums">{yuan(l.amountFen)}</Td>
          </tr>
        ))}
      </Table>
      <p className="text-right text-sm text-slate-700">
        费用合计: <span className="text-base font-semibold text-slate-900" data-testid="order-total">{yuan(order.totalFen)}元</span>
      </p>
    </div>
  );
}

export interface BreakdownRow {
  label: string;
  sign: "+" | "-";
  fen: number;
}

/** 订单费用 + …, 账户余额支付 − …, 代金券支付 − …, 优惠券优惠 − …, then the bold last line. */
export function PaymentBreakdown({ rows, final }: { rows: BreakdownRow[]; final: { label: string; fen: number; testId?: string } }) {
  return (
    <dl className="ml-auto w-full max-w-xs space-y-1.5 text-sm">
      {rows.map((r) => (
        <div key={r.label} className="flex justify-between gap-4">
          <dt className="text-slate-500">{r.label}:</dt>
          <dd className="tabular-nums text-slate-800">
            {r.sign} {yuan(r.fen)}元
          </dd>
        </div>
      ))}
      <div className="flex justify-between gap-4 border-t border-slate-200 pt-2">
        <dt className="font-medium text-slate-700">{final.label}</dt>
        <dd className="text-lg font-semibold tabular-nums text-orange-600" data-testid={final.testId}>
          {yuan(final.fen)}元
        </dd>
      </div>
    </dl>
  );
}
