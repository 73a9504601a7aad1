import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/app/_server/session";
import { ConfirmAction } from "@/components/confirm-action";
import { OrderHeader, OrderLines, PaymentBreakdown } from "@/components/order-view";
import { Alert, ButtonLink, Card, PageHeader } from "@/components/ui";
import { shTime } from "@/lib/format";
import { cancelStaleOrders } from "@/lib/orders/cancel";
import { getOrder } from "@/lib/orders/queries";
import { cancelOrderAction } from "../actions";
import { Breadcrumbs, SECTION } from "@/components/breadcrumbs";

export const metadata: Metadata = { title: "订单详情" };

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { db, user } = await requireUser();
  await cancelStaleOrders(db, new Date(), user.id);
  const order = await getOrder(db, user.id, id);
  if (!order) notFound();
  const paid = order.status === "已完成";
  return (
    <>
      <Breadcrumbs items={[SECTION.orders, { label: "订单详情" }]} />
      <PageHeader
        title="订单详情"
        actions={
          order.status === "待支付" ? (
            <>
              <ConfirmAction
                label="取消订单"
                title="取消订单"
                confirmLabel="确认取消"
                action={cancelOrderAction}
                fields={{ orderId: order.id }}
                description={<p>取消后该订单不能再支付，如需购买请重新下单。</p>}
              />
              <ButtonLink href={`/console/orders/${order.id}/pay`}>立即支付</ButtonLink>
            </>
          ) : undefined
        }
      />
      <div className="space-y-6">
        {order.status === "待支付" && <Alert tone="amber">订单待支付：请在 {shTime(new Date(order.createdAt.getTime() + 24 * 3600_000))} 前完成支付，逾期订单将自动取消。</Alert>}
        {order.status === "已取消" && <Alert tone="amber">订单已取消（{order.cancelReason ?? "已取消"}，{shTime(order.cancelledAt)}）。</Alert>}
        <Card>
          <div className="space-y-5">
            <OrderHeader order={order} />
            <OrderLines order={order} lines={order.lines} appName={order.appName} />
            {paid && (
              <PaymentBreakdown
                rows={[
                  { label: "订单费用", sign: "+", fen: order.totalFen },
                  { label: "账户余额支付", sign: "-", fen: order.balanceFen },
                  { label: "代金券支付", sign: "-", fen: order.voucherFen },
                  { label: "优惠券优惠", sign: "-", fen: order.couponFen },
                  ...(order.cardFen ? [{ label: "银行卡支付", sign: "-" as const, fen: order.cardFen }] : []),
                ]}
                final={{ label: "实际支付:", fen: order.balanceFen + order.cardFen }}
              />
            )}
          </div>
        </Card>
        {paid && (
          <p className="text-sm text-slate-600">
            支付时间 {shTime(order.paidAt)}。资源包已开通，可在
            <Link href={`/console/apps/${order.appId}`} className="mx-1 text-brand-600 hover:underline">我的能力</Link>
            中查看剩余次数。
          </p>
        )}
      </div>
    </>
  );
}
