import { z } from "zod";
import { API_KINDS } from "@/db/schema";
import { TIERS } from "@/lib/catalogue/apis";
import { MAX_QPS_CEILING } from "@/lib/apps/limits";
import { formTokenSchema } from "@/lib/payments/form-token";
import { shanghaiLocalToDate, yuanToFen } from "./money";

/**
 * The zod schemas of every operator form: the same schema validates the form on the
 * server action and feeds the lib/ops function. Inputs arrive as FormData strings.
 */

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** An amount in yuan (up to two decimals) → integer fen. */
export const yuanSchema = (label: string) =>
  z
    .string({ error: `请输入${label}` })
    .trim()
    .min(1, `请输入${label}`)
    .transform((s, ctx) => {
      const fen = yuanToFen(s);
      if (fen === null) {
        ctx.addIssue({ code: "custom", message: `${label}须为金额（元），最多两位小数` });
        return z.NEVER;
      }
      return fen;
    });

const positiveYuan = (label: string) => yuanSchema(label).refine((fen) => fen > 0, `${label}须大于 0`);

const tierSchema = z.coerce
  .number()
  .int()
  .refine((t) => (TIERS as readonly number[]).includes(t), "无效的规格");

const reasonSchema = z
  .string({ error: "请填写原因" })
  .trim()
  .min(2, "请填写原因（至少 2 个字）")
  .max(200, "原因不能超过 200 个字");

const idSchema = z.string().trim().min(1).max(64);

export const emailSchema = z.string({ error: "请输入账号邮箱" }).trim().toLowerCase().pipe(z.email("请输入有效的邮箱"));

/** 价格: list price, and optionally a public-beta price with its end (both or neither). */
export const updatePriceSchema = z
  .object({
    api: z.enum(API_KINDS),
    tier: tierSchema,
    unitPrice: yuanSchema("单价"),
    betaPrice: z.preprocess(blankToUndefined, yuanSchema("公测价").optional()),
    betaEndsAt: z.preprocess(
      blankToUndefined,
      z
        .string()
        .transform((s, ctx) => {
          const d = shanghaiLocalToDate(s);
          if (!d) {
            ctx.addIssue({ code: "custom", message: "请选择有效的公测截止时间" });
            return z.NEVER;
          }
          return d;
        })
        .optional(),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.betaPrice !== undefined && v.betaEndsAt === undefined) {
      ctx.addIssue({ code: "custom", path: ["betaEndsAt"], message: "设置公测价时须填写公测截止时间" });
    }
    if (v.betaPrice === undefined && v.betaEndsAt !== undefined) {
      ctx.addIssue({ code: "custom", path: ["betaPrice"], message: "填写公测截止时间时须设置公测价" });
    }
  })
  .transform((v) => ({
    api: v.api,
    tier: v.tier,
    unitPriceFen: v.unitPrice,
    betaPriceFen: v.betaPrice ?? null,
    betaEndsAt: v.betaEndsAt ?? null,
  }));
export type UpdatePriceInput = z.output<typeof updatePriceSchema>;

/** 免费额度 (calls per API, 0 = off; days of validity) and the cap of applications per account. */
export const updateFreeQuotaSchema = z.object({
  calls: z.coerce.number({ error: "请输入次数" }).int("次数须为整数").min(0, "次数不能为负").max(10_000_000, "次数最多 1000 万"),
  days: z.coerce.number({ error: "请输入天数" }).int("天数须为整数").min(1, "有效期至少 1 天").max(3650, "有效期最多 3650 天"),
  maxApps: z.coerce.number({ error: "请输入应用数" }).int("应用数须为整数").min(1, "每个账户至少可建 1 个应用").max(10_000, "最多 10000 个"),
});
export type UpdateFreeQuotaInput = z.output<typeof updateFreeQuotaSchema>;

/** How long an asynchronous job's results are kept after it ends (settings job_retention_days). */
export const updateJobRetentionSchema = z.object({
  days: z.coerce.number({ error: "请输入天数" }).int("天数须为整数").min(1, "至少保留 1 天").max(365, "最多保留 365 天"),
});
export type UpdateJobRetentionInput = z.output<typeof updateJobRetentionSchema>;

export const setRateLimitSchema = z.object({
  appId: idSchema,
  ratePerSec: z.coerce.number({ error: "请输入 QPS 上限" }).int("QPS 上限须为整数").min(1, "QPS 上限至少为 1").max(10_000, "QPS 上限最多为 10000"),
});
export type SetRateLimitInput = z.output<typeof setRateLimitSchema>;

/** 账户 QPS 上限: the most QPS the account's owner may give any of its applications. */
export const setQpsCeilingSchema = z.object({
  userId: idSchema,
  ceiling: z.coerce
    .number({ error: "请输入 QPS 上限" })
    .int("QPS 上限须为整数")
    .min(1, "QPS 上限至少为 1")
    .max(MAX_QPS_CEILING, `QPS 上限最多为 ${MAX_QPS_CEILING}`),
  reason: reasonSchema,
});
export type SetQpsCeilingInput = z.output<typeof setQpsCeilingSchema>;

export const setAppStatusSchema = z.object({
  appId: idSchema,
  status: z.enum(["active", "disabled"]),
  reason: reasonSchema,
});
export type SetAppStatusInput = z.output<typeof setAppStatusSchema>;

/** 停用账号 / 恢复账号: suspension stops sign-in, the console and every API call at once. */
export const setAccountStatusSchema = z.object({
  userId: idSchema,
  status: z.enum(["active", "disabled"]),
  reason: reasonSchema,
});
export type SetAccountStatusInput = z.output<typeof setAccountStatusSchema>;

/** 立即作废旧密钥: ends a rotated AppSecret's grace period now. */
export const revokePrevSecretSchema = z.object({ appId: idSchema, reason: reasonSchema });
export type RevokePrevSecretInput = z.output<typeof revokePrevSecretSchema>;

export const cancelPackSchema = z.object({ packId: idSchema, reason: reasonSchema });
export type CancelPackInput = z.output<typeof cancelPackSchema>;

/** 余额调整: a credit (or, negative, a correction) in yuan, with a note for the ledger. */
export const creditSchema = z.object({
  userId: idSchema,
  amount: z
    .string({ error: "请输入金额" })
    .trim()
    .transform((s, ctx) => {
      const neg = s.startsWith("-");
      const fen = yuanToFen(neg ? s.slice(1) : s);
      if (fen === null || fen === 0) {
        ctx.addIssue({ code: "custom", message: "金额须为非零金额（元），最多两位小数；扣减请填负数" });
        return z.NEVER;
      }
      return neg ? -fen : fen;
    })
    .refine((fen) => Math.abs(fen) <= 100_000_000, "单次调整不能超过 ¥1,000,000"),
  note: reasonSchema,
  /** one per opened form: the same form submitted twice is applied once */
  token: formTokenSchema,
});
export type CreditInput = z.output<typeof creditSchema>;

const validDaysSchema = z.coerce.number({ error: "请输入有效天数" }).int("有效天数须为整数").min(1, "有效期至少 1 天").max(730, "有效期最多 730 天");
const noteSchema = z.preprocess((v) => v ?? "", z.string().trim().max(200, "备注不能超过 200 个字"));

/** 代金券: a fixed amount off one order. */
export const issueVoucherSchema = z.object({
  email: emailSchema,
  amount: positiveYuan("面额"),
  validDays: validDaysSchema,
  note: noteSchema,
});
export type IssueVoucherInput = z.output<typeof issueVoucherSchema>;

/** 优惠券: 满 X 减 Y, or a percentage off above an optional threshold. */
export const issueCouponSchema = z
  .object({
    email: emailSchema,
    kind: z.enum(["amount", "percent"], { error: "请选择优惠方式" }),
    threshold: z.preprocess((v) => blankToUndefined(v) ?? "0", yuanSchema("门槛")),
    amountOff: z.preprocess(blankToUndefined, positiveYuan("减免金额").optional()),
    percentOff: z.preprocess(
      blankToUndefined,
      z.coerce.number().int("折扣须为整数").min(1, "折扣比例为 1–100").max(100, "折扣比例为 1–100").optional(),
    ),
    validDays: validDaysSchema,
    note: noteSchema,
  })
  .superRefine((v, ctx) => {
    if (v.kind === "amount" && v.amountOff === undefined) ctx.addIssue({ code: "custom", path: ["amountOff"], message: "请输入减免金额" });
    if (v.kind === "percent" && v.percentOff === undefined) ctx.addIssue({ code: "custom", path: ["percentOff"], message: "请输入折扣比例" });
    if (v.kind === "amount" && v.amountOff !== undefined && v.threshold > 0 && v.amountOff > v.threshold) {
      ctx.addIssue({ code: "custom", path: ["amountOff"], message: "减免金额不能超过门槛" });
    }
  });
export type IssueCouponInput = z.output<typeof issueCouponSchema>;

/** Filters of the operator lists (from the query string). */
export const listQuerySchema = z.object({
  q: z.preprocess((v) => (typeof v === "string" ? v : ""), z.string().trim().max(100)).catch(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/** 线下汇款: 确认到账 (credited once) or 驳回 with a reason the customer sees. */
export const confirmTransferSchema = z.object({ id: z.string().trim().regex(/^trf_[a-z0-9]{16}$/, "汇款申请不存在") });
export const rejectTransferSchema = confirmTransferSchema.extend({ reason: reasonSchema });
