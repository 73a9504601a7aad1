"use server";

import { redirect } from "next/navigation";
import { publicOrigin } from "@/app/(site)/_lib/origin";
import { authedAction, type ActionState } from "@/app/_server/session";
import { topupSchema } from "@/lib/payments/schemas";
import { createTopupCheckout, stripeFromEnv } from "@/lib/payments/stripe";

/** 充值 by card: off to Stripe Checkout; the webhook credits the balance. */
export const topupAction = authedAction(topupSchema, async ({ amount }, { db, user }): Promise<ActionState> => {
  const stripe = stripeFromEnv();
  if (!stripe) return { status: "error", message: "暂不支持在线充值" };
  const res = await createTopupCheckout(db, stripe, { userId: user.id, amountFen: amount, baseUrl: await publicOrigin() });
  if (!res.ok) return { status: "error", message: res.message };
  redirect(res.value.url);
});
