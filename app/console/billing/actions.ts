"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { authedAction, type ActionState } from "@/app/_server/session";
import { env } from "@/lib/env";
import { topupSchema } from "@/lib/payments/schemas";
import { createTopupCheckout, stripeFromEnv } from "@/lib/payments/stripe";

async function origin(): Promise<string> {
  const configured = env().PUBLIC_BASE_URL;
  if (configured) return configured.replace(/\/$/, "");
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}

/** 充值 by card: off to Stripe Checkout; the webhook credits the balance. */
export const topupAction = authedAction(topupSchema, async ({ amount }, { db, user }): Promise<ActionState> => {
  const stripe = stripeFromEnv();
  if (!stripe) return { status: "error", message: "暂不支持在线充值" };
  const res = await createTopupCheckout(db, stripe, { userId: user.id, amountFen: amount, baseUrl: await origin() });
  if (!res.ok) return { status: "error", message: res.message };
  redirect(res.value.url);
});
