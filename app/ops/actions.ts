"use server";

import { revalidatePath } from "next/cache";
import { authedAction, type ActionState } from "@/app/_server/session";
import { cny } from "@/lib/format";
import { creditAccount, setAccountStatus } from "@/lib/ops/accounts-admin";
import { revokePrevSecret, setAppStatus, setRateLimit } from "@/lib/ops/apps-admin";
import { cancelPack } from "@/lib/ops/packs-admin";
import { setQpsCeiling } from "@/lib/apps/limits";
import { updatePrice } from "@/lib/ops/prices";
import { issueCouponTo, issueVoucherTo } from "@/lib/ops/promotions";
import {
  cancelPackSchema,
  confirmTransferSchema,
  creditSchema,
  rejectTransferSchema,
  issueCouponSchema,
  issueVoucherSchema,
  revokePrevSecretSchema,
  setAccountStatusSchema,
  setAppStatusSchema,
  setQpsCeilingSchema,
  setRateLimitSchema,
  updateFreeQuotaSchema,
  updateJobRetentionSchema,
  updatePriceSchema,
} from "@/lib/ops/schemas";
import { updateFreeQuota, updateJobRetention } from "@/lib/ops/settings";
import { confirmTransfer, rejectTransfer } from "@/lib/payments/transfer";
import { API_LABELS } from "@/lib/catalogue/apis";
import { tierLabel } from "@/lib/format";

/**
 * Every operator server action. Each one checks the operator role itself (authedAction
 * {role:'operator'}), parses its form with the lib/ops schema and calls one lib/ops function,
 * which writes the change and its audit row in one transaction. The authorization test
 * calls every export of this file as a customer and as a visitor.
 */
const op = { role: "operator" } as const;
const fail = (message: string, field?: string): ActionState => ({ status: "error", message, ...(field ? { fieldErrors: { [field]: message } } : {}) });

export const updatePriceAction = authedAction(
  updatePriceSchema,
  async (input, { db, user }): Promise<ActionState> => {
    const res = await updatePrice(db, user.id, input);
    if (!res.ok) return fail(res.message);
    revalidatePath("/ops/prices");
    revalidatePath("/pricing");
    const name = `${API_LABELS[input.api]} ${tierLabel(input.tier)}/年`;
    return { status: "ok", message: res.value.changed ? `已更新 ${name}：${cny(input.unitPriceFen)}` : `${name} 价格未变化` };
  },
  op,
);

export const updateFreeQuotaAction = authedAction(
  updateFreeQuotaSchema,
  async (input, { db, user }): Promise<ActionState> => {
    const res = await updateFreeQuota(db, user.id, input);
    revalidatePath("/ops/prices");
    const free = input.calls === 0 ? "免费额度已关闭" : `免费额度已改为 ${input.calls} 次，有效期 ${input.days} 天`;
    return { status: "ok", message: res.changed ? `${free}；每个账户最多 ${input.maxApps} 个应用` : "设置未变化" };
  },
  op,
);

export const updateJobRetentionAction = authedAction(
  updateJobRetentionSchema,
  async (input, { db, user }): Promise<ActionState> => {
    const res = await updateJobRetention(db, user.id, input);
    revalidatePath("/ops/prices");
    return { status: "ok", message: res.changed ? `异步任务结果改为保留 ${input.days} 天（已结束的 ${res.jobs} 个任务按新期限计算）` : "设置未变化" };
  },
  op,
);

export const setRateLimitAction = authedAction(
  setRateLimitSchema,
  async (input, { db, user }): Promise<ActionState> => {
    const res = await setRateLimit(db, user.id, input);
    if (!res.ok) return fail(res.message);
    revalidatePath("/ops/apps");
    revalidatePath(`/ops/apps/${input.appId}`);
    return { status: "ok", message: `QPS 上限已设为 ${input.ratePerSec}` };
  },
  op,
);

export const setQpsCeilingAction = authedAction(
  setQpsCeilingSchema,
  async (input, { db, user }): Promise<ActionState> => {
    const res = await setQpsCeiling(db, user.id, input.userId, input.ceiling, input.reason);
    if (!res.ok) return fail(res.message, res.code === "bad_ceiling" ? "ceiling" : undefined);
    revalidatePath("/ops/accounts");
    if (!res.value.changed) return { status: "ok", message: `QPS 上限仍为 ${input.ceiling}，未变化` };
    const lowered = res.value.lowered > 0 ? `；${res.value.lowered} 个应用的 QPS 已降至 ${input.ceiling}` : "";
    return { status: "ok", message: `账户 QPS 上限已设为 ${input.ceiling}，立即生效${lowered}` };
  },
  op,
);

export const setAppStatusAction = authedAction(
  setAppStatusSchema,
  async (input, { db, user }): Promise<ActionState> => {
    const res = await setAppStatus(db, user.id, input);
    if (!res.ok) return fail(res.message);
    revalidatePath("/ops/apps");
    revalidatePath(`/ops/apps/${input.appId}`);
    return { status: "ok", message: input.status === "disabled" ? "应用已停用" : "应用已启用" };
  },
  op,
);

export const cancelPackAction = authedAction(
  cancelPackSchema,
  async (input, { db, user }): Promise<ActionState> => {
    const res = await cancelPack(db, user.id, input);
    if (!res.ok) return fail(res.message);
    revalidatePath(`/ops/apps/${res.value.appId}`);
    return { status: "ok", message: "资源包已作废" };
  },
  op,
);

export const creditAction = authedAction(
  creditSchema,
  async (input, { db, user }): Promise<ActionState> => {
    const res = await creditAccount(db, user.id, input);
    if (!res.ok) return fail(res.message, res.code === "account_not_found" ? undefined : "amount");
    revalidatePath("/ops/accounts");
    if (res.value.duplicate) return { status: "ok", message: `该调整已处理过，未重复入账；当前余额 ${cny(res.value.balanceFen)}` };
    return { status: "ok", message: `余额已调整，当前余额 ${cny(res.value.balanceFen)}` };
  },
  op,
);

export const issueVoucherAction = authedAction(
  issueVoucherSchema,
  async (input, { db, user }): Promise<ActionState> => {
    const res = await issueVoucherTo(db, user.id, input);
    if (!res.ok) return fail(res.message, res.field);
    revalidatePath("/ops/promotions");
    return { status: "ok", message: `已向 ${input.email} 发放 ${cny(input.amount)} 代金券` };
  },
  op,
);

export const issueCouponAction = authedAction(
  issueCouponSchema,
  async (input, { db, user }): Promise<ActionState> => {
    const res = await issueCouponTo(db, user.id, input);
    if (!res.ok) return fail(res.message, res.field);
    revalidatePath("/ops/promotions");
    return { status: "ok", message: `已向 ${input.email} 发放优惠券` };
  },
  op,
);

export const setAccountStatusAction = authedAction(
  setAccountStatusSchema,
  async (input, { db, user }): Promise<ActionState> => {
    const res = await setAccountStatus(db, user.id, input);
    if (!res.ok) return fail(res.message);
    revalidatePath("/ops/accounts");
    return { status: "ok", message: input.status === "disabled" ? "账号已停用：登录、控制台与接口调用立即失效" : "账号已恢复" };
  },
  op,
);

export const confirmTransferAction = authedAction(
  confirmTransferSchema,
  async (input, { db, user }): Promise<ActionState> => {
    const res = await confirmTransfer(db, user.id, input.id);
    if (!res.ok) return fail(res.message);
    revalidatePath("/ops/transfers");
    return { status: "ok", message: `已入账 ${cny(res.value.request.amountFen)}，该账号当前余额 ${cny(res.value.balanceFen)}` };
  },
  op,
);

export const revokePrevSecretAction = authedAction(
  revokePrevSecretSchema,
  async (input, { db, user }): Promise<ActionState> => {
    const res = await revokePrevSecret(db, user.id, input);
    if (!res.ok) return fail(res.message);
    revalidatePath(`/ops/apps/${input.appId}`);
    return { status: "ok", message: "旧密钥已作废，使用旧密钥签名的请求将立即被拒绝" };
  },
  op,
);

export const rejectTransferAction = authedAction(
  rejectTransferSchema,
  async (input, { db, user }): Promise<ActionState> => {
    const res = await rejectTransfer(db, user.id, input.id, input.reason);
    if (!res.ok) return fail(res.message);
    revalidatePath("/ops/transfers");
    return { status: "ok", message: "已驳回该汇款申请" };
  },
  op,
);
