"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { refuse } from "@/lib/console/errors";
import { publicOrigin } from "@/app/(site)/_lib/origin";
import { authedAction, type ActionState } from "@/app/_server/session";
import { cancelOrder } from "@/lib/orders/cancel";
import { createOrder } from "@/lib/orders/create";
import { createOrderSchema } from "@/lib/orders/schemas";
import { payWithBalance } from "@/lib/payments/pay";
import { payOrderSchema } from "@/lib/payments/schemas";
import { createOrderCheckout, stripeFromEnv } from "@/lib/payments/stripe";

/** 立即购买 on 确认配置 → the new order's page. */
export const createOrderAction = authedAction(createOrderSchema, async (input, { db, user }): Promise<ActionState> => {
  const res = await createOrder(db, user.id, { appId: input.appId, api: input.api, items: input.q });
  if (!res.ok) return { status: "error", message: res.message };
  revalidatePath("/console/orders");
  redirect(`/console/orders/${res.value.id}`);
});

export const cancelOrderAction = authedAction(z.object({ orderId: z.string().min(1).max(32) }), async ({ orderId }, { db, user }): Promise<ActionState> => {
  const res = await cancelOrder(db, user.id, orderId);
  if (!res.ok) return { status: "error", message: res.message };
  revalidatePath(`/console/orders/${orderId}`);
  revalidatePath("/console/orders");
  return { status: "ok", message: "订单已取消" };
});

/** 立即支付: with the balance (→ 支付结果), or by card through Stripe Checkout when configured. */
export const payOrderAction = authedAction(payOrderSchema, async (input, { db, user }): Promise<ActionState> => {
  if (input.method === "card") {
    const stripe = stripeFromEnv();
    if (!stripe) return refuse("card_unavailable");
    const res = await createOrderCheckout(db, stripe, { userId: user.id, orderId: input.orderId, voucherId: input.voucherId, couponId: input.couponId, baseUrl: await publicOrigin() });
    if (!res.ok) return { status: "error", message: res.message };
    redirect(res.value.url);
  }
  const res = await payWithBalance(db, { userId: user.id, orderId: input.orderId, voucherId: input.voucherId, couponId: input.couponId });
  if (!res.ok) {
    if (res.code === "not_payable") redirect(`/console/orders/${input.orderId}/result`);
    return { status: "error", message: res.message };
  }
  revalidatePath("/console/orders");
  revalidatePath(`/console/apps/${res.value.order.appId}`);
  redirect(`/console/orders/${input.orderId}/result`);
});
