import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/session";
import { OrderStatusBadge } from "@/components/order-view";
import { Button, ButtonLink, EmptyState, Input, PageHeader, Table, Td, cx } from "@/components/ui";
import { shTime, tierLabel, yuan } from "@/lib/format";
import { cancelStaleOrders } from "@/lib/orders/cancel";
import { listOrders } from "@/lib/orders/queries";
import { ORDER_FILTERS, listOrdersSchema } from "@/lib/orders/schemas";
import { API_LABELS } from "@/lib/catalogue/apis";

export const metadata: Metadata = { title: "订单管理" };

export default async function OrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { db, user } = await requireUser();
  const f = listOrdersSchema.parse(await searchParams);
  await cancelStaleOrders(db, new Date(), user.id);
  const { rows, total, pages } = await listOrders(db, user.id, f);
  const href = (p: Partial<typeof f>) => {
    const s = new URLSearchParams();
    const v = { ...f, ...p };
    if (v.status !== "全部") s.set("status", v.status);
    if (v.q) s.set("q", v.q);
    if (v.page > 1) s.set("page", String(v.page));
    const qs = s.toString();
    return qs ? `/console/orders?${qs}` : "/console/orders";
  };

  return (
    <>
      <PageHeader title="订单管理" description="资源包订单：待支付订单 24 小时内未支付将自动取消。" actions={<ButtonLink href="/console/billing" variant="secondary">账户余额</ButtonLink>} />
      <div className="mb-4 flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <nav aria-label="订单状态" className="flex gap-1 overflow-x-auto">
          {ORDER_FILTERS.map((s) => (
            <Link
              key={s}
              href={href({ status: s, page: 1 })}
              aria-current={f.status === s ? "page" : undefined}
              className={cx("whitespace-nowrap rounded-md px-3 py-1.5 text-sm", f.status === s ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100")}
            >
              {s}
            </Link>
          ))}
        </nav>
        <form role="search" action="/console/orders" className="flex gap-2">
          {f.status !== "全部" && <input type="hidden" name="status" value={f.status} />}
          <Input name="q" defaultValue={f.q} placeholder="搜索订单号" aria-label="订单号" inputMode="numeric" className="w-full sm:w-56" />
          <Button type="submit" variant="secondary">搜索</Button>
        </form>
      </div>
      {rows.length === 0 ? (
        <EmptyState
          title={f.q || f.status !== "全部" ? "没有符合条件的订单" : "暂无订单"}
          description="在“我的应用”中打开应用，在“我的能力”中点击“购买”即可订购资源包。"
          action={<ButtonLink href="/console/apps">前往我的应用</ButtonLink>}
        />
      ) : (
        <>
          <Table head={["订单号", "产品", "配置", "金额 (元)", "状态", "创建时间", "操作"]} caption="订单列表">
            {rows.map((o) => (
              <tr key={o.id} data-testid={`order-${o.id}`}>
                <Td>
                  <Link href={`/console/orders/${o.id}`} className="font-mono text-brand-600 hover:underline">{o.id}</Link>
                </Td>
                <Td>
                  {API_LABELS[o.api]}
                  <div className="text-xs text-slate-500">{o.appName}</div>
                </Td>
                <Td>{o.lines.map((l) => `${tierLabel(l.tier)} x${l.quantity}`).join("、")}</Td>
                <Td className="tabular-nums">{yuan(o.totalFen)}</Td>
                <Td><OrderStatusBadge status={o.status} /></Td>
                <Td>{shTime(o.createdAt)}</Td>
                <Td>
                  <div className="flex gap-3">
                    <Link href={`/console/orders/${o.id}`} className="text-brand-600 hover:underline">详情</Link>
                    {o.status === "待支付" && <Link href={`/console/orders/${o.id}/pay`} className="text-brand-600 hover:underline">支付</Link>}
                  </div>
                </Td>
              </tr>
            ))}
          </Table>
          <div className="mt-3 flex items-center justify-between text-sm text-slate-500">
            <span>共 {total} 个订单</span>
            {pages > 1 && (
              <div className="flex items-center gap-2">
                {f.page > 1 && <Link href={href({ page: f.page - 1 })} className="text-brand-600 hover:underline">上一页</Link>}
                <span>第 {f.page} / {pages} 页</span>
                {f.page < pages && <Link href={href({ page: f.page + 1 })} className="text-brand-600 hover:underline">下一页</Link>}
              </div>
            )}
          </div>
        </>
      )}
    </>
  );
}
