"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { refuse } from "@/lib/console/errors";
import { authedAction, type ActionState } from "@/app/_server/session";
import { acknowledge, acknowledgeAll } from "@/lib/alerts/events";
import { updateRule, updateRuleSchema } from "@/lib/alerts/rules";
import { deliverDue, enqueueTestDelivery, setWebhook, TEST_DELIVERY_INTERVAL_MS } from "@/lib/alerts/webhook";

export const updateRuleAction = authedAction(updateRuleSchema, async (input, { db, user }): Promise<ActionState> => {
  const res = await updateRule(db, user.id, input);
  if (!res.ok) return { status: "error", message: res.message, fieldErrors: { threshold: res.message } };
  revalidatePath("/console/alerts");
  return { status: "ok", message: "已保存" };
});

export const acknowledgeAction = authedAction(z.object({ eventId: z.string().min(1).max(64) }), async ({ eventId }, { db, user }): Promise<ActionState> => {
  const done = await acknowledge(db, user.id, eventId);
  revalidatePath("/console", "layout");
  return done ? { status: "ok", message: "已处理" } : refuse("alert_not_found");
});

export const acknowledgeAllAction = authedAction(z.object({}), async (_input, { db, user }): Promise<ActionState> => {
  const n = await acknowledgeAll(db, user.id);
  revalidatePath("/console", "layout");
  return { status: "ok", message: `已处理 ${n} 条告警` };
});

export const setWebhookAction = authedAction(
  z.object({ url: z.string().max(500).default(""), rotate: z.enum(["1"]).optional() }),
  async ({ url, rotate }, { db, user }): Promise<ActionState<{ secret: string | null }>> => {
    const res = await setWebhook(db, user.id, { url, rotate: rotate === "1" });
    if (!res.ok) return { status: "error", message: res.message, fieldErrors: { url: res.message } };
    revalidatePath("/console/alerts");
    return { status: "ok", message: url.trim() ? "Webhook 已保存" : "Webhook 已关闭", data: { secret: res.secret } };
  },
);

export const testWebhookAction = authedAction(z.object({}), async (_input, { db, user }): Promise<ActionState> => {
  const now = new Date();
  const queued = await enqueueTestDelivery(db, user.id, now);
  if (queued === "no_url") return refuse("webhook_missing");
  if (queued === "too_soon") return { status: "error", message: `发送测试过于频繁，请 ${TEST_DELIVERY_INTERVAL_MS / 1000} 秒后再试` };
  await deliverDue(db, { now, userId: user.id });
  revalidatePath("/console/alerts");
  return { status: "ok", message: "测试通知已发送，结果见下方投递记录" };
});
