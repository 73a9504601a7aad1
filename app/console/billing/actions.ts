"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { publicOrigin } from "@/app/(site)/_lib/origin";
import { authedAction, type ActionState } from "@/app/_server/session";
import { refuse } from "@/lib/console/errors";
import { cny } from "@/lib/format";
import { topupSchema } from "@/lib/payments/schemas";
import { createTopupCheckout, stripeFromEnv } from "@/lib/payments/stripe";
import { requestTransfer, transferRequestSchema } from "@/lib/payments/transfer";

/** 充值 by card: off to Stripe Checkout; the webhook credits the balance. */
export const topupAction = authedAction(topupSchema, async ({ amount, returnTo }, { db, user }): Promise<ActionState> => {
  const stripe = stripeFromEnv();
  if (!stripe) return refuse("topup_unavailable");
  const res = await createTopupCheckout(db, stripe, { userId: user.id, amountFen: amount, baseUrl: await publicOrigin(), returnTo });
  if (!res.ok) return { status: "error", message: res.message };
  redirect(res.value.url);
});

/** 线下汇款: files the transfer for an operator to confirm. */
export const requestTransferAction = authedAction(transferRequestSchema, async (input, { db, user }): Promise<ActionState> => {
  const res = await requestTransfer(db, user.id, input);
  if (!res.ok) return { status: "error", message: res.message };
  revalidatePath("/console/billing");
  return { status: "ok", message: `已提交 ${cny(input.amount)} 的汇款信息。运营人员核对到账后会为您入账（工作日通常 1 小时内），届时余额自动更新。` };
});
