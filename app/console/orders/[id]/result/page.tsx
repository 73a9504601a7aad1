import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/app/_server/session";
import { OrderHeader, OrderLines, PaymentBreakdown } from "@/components/order-view";
import { Alert, ButtonLink, Card } from "@/components/ui";
import { getOrder } from "@/lib/orders/queries";
import { Breadcrumbs, SECTION } from "@/components/breadcrumbs";

export const metadata: Metadata = { title: "支付结果" };

export default async function ResultPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { db, user } = await requireUser();
  const order = await getOrder(db, user.id, id);
  if (!order) notFound();
  return (
    <>
      <Breadcrumbs items={[SECTION.orders, { label: "订单详情", href: `/console/orders/${order.id}` }, { label: "支付结果" }]} />
      <div className="space-y-6">
        {order.status === "已完成" ? (
          <div className="flex flex-wrap items-center gap-4 rounded-lg border border-emerald-200 bg-emerald-50 px-5 py-4">
            <span aria-hidden className="flex h-9 w-9 items-center justify-center rounded-full bg-emerald-500 text-lg text-white">✔</span>
            <h1 className="text-lg font-semibold text-emerald-800">支付成功</h1>
            <span className="text-sm text-emerald-700">资源包已开通，自今日起一年内有效。</span>
            <div className="ml-auto flex gap-2">
              <ButtonLink href={`/console/apps/${order.appId}`} variant="secondary">查看我的能力</ButtonLink>
              <ButtonLink href="/console/orders">返回订单列表</ButtonLink>
            </div>
          </div>
        ) : order.status === "待支付" ? (
          <Alert tone="blue">
            <h1 className="font-medium">支付处理中</h1>
            <p className="mt-1">尚未收到支付结果，请稍候刷新本页。若未完成付款，可<Link href={`/console/orders/${order.id}/pay`} className="mx-1 underline">返回支付</Link>。</p>
          </Alert>
        ) : (
          <Alert tone="amber">
            <h1 className="font-medium">订单已取消</h1>
            <p className="mt-1"><Link href="/console/orders" className="underline">返回订单列表</Link></p>
          </Alert>
        )}
        <Card>
          <div className="space-y-5">
            <OrderHeader order={order} />
            <OrderLines order={order} lines={order.lines} appName={order.appName} />
            {order.status === "已完成" && (
              <PaymentBreakdown
                rows={[
                  { label: "订单费用", sign: "+", fen: order.totalFen },
                  { label: "账户余额支付", sign: "-", fen: order.balanceFen },
                  { label: "代金券支付", sign: "-", fen: order.voucherFen },
                  { label: "优惠券优惠", sign: "-", fen: order.couponFen },
                  ...(order.cardFen ? [{ label: "银行卡支付", sign: "-" as const, fen: order.cardFen }] : []),
                ]}
                final={{ label: "实际支付:", fen: order.balanceFen + order.cardFen, testId: "paid-total" }}
              />
            )}
          </div>
        </Card>
      </div>
    </>
  );
}
