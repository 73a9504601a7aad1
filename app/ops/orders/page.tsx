import type { Metadata } from "next";
import { EmptyState, PageHeader, Table, Td } from "@/components/ui";
import { OrderStatusBadge, Pager, SearchBar } from "@/components/ops/bits";
import { SelectFilter } from "@/components/ops/forms";
import { cny, count, shTime } from "@/lib/format";
import { listAllOrders, paidFen, type OrderStatusFilter } from "@/lib/ops/orders-admin";
import { listQuerySchema } from "@/lib/ops/schemas";
import { API_LABELS } from "@/lib/catalogue/apis";
import { ORDER_STATUSES } from "@/db/schema";
import { opsPage } from "../_server/guard";

export const metadata: Metadata = { title: "订单 · 运营" };

export const dynamic = "force-dynamic";

export default async function OpsOrders({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await opsPage();
  if (!ctx) return null;
  const sp = await searchParams;
  const f = listQuerySchema.parse(sp);
  const status: OrderStatusFilter = (ORDER_STATUSES as readonly string[]).includes(String(sp.status)) ? (sp.status as OrderStatusFilter) : "全部";
  const { rows, total, pages } = await listAllOrders(ctx.db, { ...f, status });
  return (
    <>
      <PageHeader title="订单" description={`共 ${count(total)} 笔订单`} />
      <SearchBar action="/ops/orders" q={f.q} placeholder="订单号、账号邮箱或应用名称">
        <SelectFilter name="status" label="订单状态" value={status} options={["全部", ...ORDER_STATUSES].map((s) => ({ value: s, label: s === "全部" ? "全部状态" : s }))} />
      </SearchBar>
      {rows.length === 0 ? (
        <EmptyState title="没有符合条件的订单" />
      ) : (
        <Table head={["订单号", "账号", "应用 / API", "状态", "订单金额", "优惠", "实收", "创建 / 支付时间"]} caption="订单列表">
          {rows.map((o) => (
            <tr key={o.id}>
              <Td className="font-mono text-xs">{o.id}</Td>
              <Td>
                <span className="block max-w-[12rem] whitespace-normal break-all">{o.email}</span>
              </Td>
              <Td>
                <p>{o.appName}</p>
                <p className="text-xs text-slate-500">{API_LABELS[o.api]}</p>
              </Td>
              <Td>
                <OrderStatusBadge status={o.status} />
              </Td>
              <Td className="tabular-nums">{cny(o.totalFen)}</Td>
              <Td className="tabular-nums text-xs">
                {o.voucherFen ? <p>代金券 -{cny(o.voucherFen)}</p> : null}
                {o.couponFen ? <p>优惠券 -{cny(o.couponFen)}</p> : null}
                {!o.voucherFen && !o.couponFen ? "—" : null}
              </Td>
              <Td className="tabular-nums font-medium">{o.status === "已完成" ? cny(paidFen(o)) : "—"}</Td>
              <Td className="text-xs">
                <p>{shTime(o.createdAt)}</p>
                <p className="text-slate-500">{o.paidAt ? shTime(o.paidAt) : "未支付"}</p>
              </Td>
            </tr>
          ))}
        </Table>
      )}
      <Pager base="/ops/orders" page={f.page} pages={pages} params={{ ...(f.q ? { q: f.q } : {}), ...(status !== "全部" ? { status } : {}) }} />
    </>
  );
}
