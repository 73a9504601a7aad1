import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { requireUser } from "@/app/_server/session";
import { OrderHeader, OrderLines } from "@/components/order-view";
import { PayForm } from "@/components/pay-form";
import { Alert, Card } from "@/components/ui";
import { cny, shDate } from "@/lib/format";
import { cancelStaleOrders } from "@/lib/orders/cancel";
import { couponTerms, paymentOptions } from "@/lib/payments/pay";
import { cardPaymentsEnabled } from "@/lib/payments/stripe";
import { Breadcrumbs, SECTION } from "@/components/breadcrumbs";

export const metadata: Metadata = { title: "订单支付" };

export default async function PayPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { db, user } = await requireUser();
  await cancelStaleOrders(db, new Date(), user.id);
  const opts = await paymentOptions(db, user.id, id);
  if (!opts) notFound();
  const { order } = opts;
  if (order.status === "已完成") redirect(`/console/orders/${order.id}/result`);
  if (order.status !== "待支付") redirect(`/console/orders/${order.id}`);
  // 实名认证 links back here (lib/net/return-to.ts validates it on the account page)
  const verifyHref = `/console/account?returnTo=${encodeURIComponent(`/console/orders/${order.id}/pay`)}#verify`;
  return (
    <>
      <Breadcrumbs items={[SECTION.orders, { label: "订单详情", href: `/console/orders/${order.id}` }, { label: "订单支付" }]} />
      <h1 className="mb-4 text-xl font-semibold text-slate-900">订单支付</h1>
      <div className="space-y-6">
        <Card>
          <div className="space-y-5">
            <OrderHeader order={order} />
            <OrderLines order={order} lines={order.lines} appName={order.appName} />
          </div>
        </Card>
        <ol className="space-y-1 rounded-md border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-600">
          <li>
            1、支付订单请务必确认所有者已进行实名认证，如无，请点击
            <Link href={verifyHref} className="mx-1 text-brand-600 hover:underline">立即实名认证</Link>
          </li>
          <li>2、订单不支持同时使用代金券和优惠券</li>
          <li>3、资源包自支付成功起一年内有效，有效期内未使用的次数不支持退订</li>
        </ol>
        {!opts.verified && (
          <Alert tone="amber">
            您的账号尚未完成实名认证，无法支付订单。
            <Link href={verifyHref} className="ml-1 font-medium underline">立即实名认证</Link>
          </Alert>
        )}
        <PayForm
          orderId={order.id}
          totalFen={order.totalFen}
          balanceFen={opts.balanceFen}
          verified={opts.verified}
          cardEnabled={cardPaymentsEnabled()}
          vouchers={opts.vouchers.map((v) => ({ id: v.id, label: `${cny(v.amountFen)} 代金券（${shDate(v.expiresAt)} 到期）`, amountFen: v.amountFen }))}
          coupons={opts.coupons.map((c) => ({
            id: c.id,
            label: `${c.kind === "amount" ? `${c.thresholdFen ? `满${cny(c.thresholdFen)}` : ""}减${cny(c.amountOffFen)}` : `${c.thresholdFen ? `满${cny(c.thresholdFen)}` : ""}减 ${c.percentOff}%`}（${shDate(c.expiresAt)} 到期）`,
            terms: couponTerms(c),
            applies: c.applies,
          }))}
        />
      </div>
    </>
  );
}
