import type { ActionState } from "@/lib/action-state";
import { err, type Err } from "@/lib/result";

/**
 * Errors of the console (server actions, console APIs and the domain functions behind them),
 * declared once: each code has one message a person can act on and, when it concerns one
 * input, the form field it belongs to. The open API has its own numbered table (lib/api/codes.ts).
 * A message that depends on the case (a wait, a limit, a reason) is a function of those values.
 */
export const CONSOLE_ERRORS = {
  // session
  unauthenticated: { message: "登录已过期，请重新登录" },
  unauthenticated_api: { message: "请先登录" },
  forbidden: { message: "需要运营人员权限" },
  wrong_password: { message: "密码不正确", field: "password" },

  // accounts
  account_not_found: { message: "账户不存在" },
  email_not_found: { message: "没有该邮箱的账号", field: "email" },
  email_taken: { message: "该邮箱已注册，请直接登录", field: "email" },
  register_throttled: { message: (p: { retryAfterSec: number }) => `注册过于频繁，请 ${minutes(p.retryAfterSec)} 分钟后再试` },
  invalid: { message: "邮箱或密码错误" },
  throttled: { message: (p: { retryAfterSec: number }) => `登录尝试过于频繁，请 ${p.retryAfterSec} 秒后再试` },
  disabled: { message: (p: { reason: string | null; contact: string }) => `该账户已被平台停用${p.reason ? `（原因：${p.reason}）` : ""}，如有疑问请联系${p.contact}。` },
  current_password_wrong: { message: "当前密码不正确", field: "current" },
  reset_link_invalid: { message: "重置链接无效或已使用，请重新申请" },
  verify_link_invalid: { message: "验证链接无效，请在控制台重新发送验证邮件" },
  verify_link_expired: { message: "验证链接已过期（有效期 24 小时），请在控制台重新发送验证邮件" },
  email_already_verified: { message: "邮箱已验证，无需重新发送" },
  verify_mail_throttled: { message: (p: { retryAfterSec: number }) => `发送过于频繁，请 ${minutes(p.retryAfterSec)} 分钟后再试` },
  reset_link_expired: { message: "重置链接已过期（有效期 30 分钟），请重新申请" },
  verify_throttled: { message: (p: { retryAfterSec: number }) => `实名认证尝试过于频繁，请 ${minutes(p.retryAfterSec)} 分钟后再试` },
  id_number_invalid: { message: (p: { problem: string }) => p.problem, field: "idNumber" },
  id_in_use: { message: "该身份证号已用于其他账户的实名认证", field: "idNumber" },
  already_verified: { message: "该账户已完成实名认证" },
  photo_throttled: { message: (p: { retryAfterSec: number }) => `识别次数过多，请 ${minutes(p.retryAfterSec)} 分钟后再试，或手动填写` },
  photo_missing: { message: "请选择身份证人像面照片" },
  photo_too_large: { message: "图片不能超过 10MB" },
  photo_wrong_side: { message: "这是国徽面，请上传印有姓名和身份证号的人像面" },
  photo_unreadable: { message: "未能识别出姓名和身份证号，请换一张清晰、完整的照片，或手动填写" },
  photo_no_idcard: { message: "未检测到身份证，请上传清晰、完整的人像面照片，或手动填写" },
  photo_format: { message: "仅支持 png、jpg、jpeg、bmp 格式的图片" },
  photo_busy: { message: "识别服务繁忙，请稍后重试或手动填写" },
  access_key_not_found: { message: "AccessKey 不存在或已删除" },
  access_key_limit: { message: (p: { max: number }) => `每个账户最多 ${p.max} 对 AccessKey，请先删除不再使用的一对` },
  account_already_disabled: { message: "账号已是停用状态" },
  account_not_disabled: { message: "账号未被停用" },
  disable_self: { message: "不能停用自己的账号" },

  // applications
  app_not_found: { message: "应用不存在或已删除" },
  app_deleted: { message: "应用已被用户删除，不能启用" },
  app_already_disabled: { message: "应用已是停用状态" },
  app_already_active: { message: "应用已是启用状态" },
  operator_disabled: {
    message: (p: { reason: string | null; contact: string }) =>
      `该应用已被平台停用${p.reason ? `（原因：${p.reason}）` : ""}，所有接口调用都会被拒绝，您不能自行启用。如有疑问请联系${p.contact}。`,
  },
  name_taken: { message: "应用名称已存在，请换一个名称", field: "name" },
  too_many_apps: { message: (p: { cap: number }) => `每个账户最多可有 ${p.cap} 个应用，请删除不用的应用后再创建`, field: "name" },
  no_previous_secret: { message: "该应用没有仍在宽限期内的旧密钥" },
  over_ceiling: { message: (p: { ceiling: number }) => `QPS 不能超过账户上限 ${p.ceiling}（如需更高请联系我们）`, field: "qps" },
  bad_ceiling: { message: (p: { max: number }) => `QPS 上限须为 1–${p.max} 的整数` },
  no_service_code: { message: "该应用没有此接口的服务码" },
  unreachable: { message: "无法连接识别接口，请稍后重试" },
  jobs_unreachable: { message: "无法连接异步任务接口，请稍后重试" },
  job_not_found: { message: "任务不存在或已过保留期" },
  job_finished: { message: "任务已结束，无法取消" },
  alert_not_found: { message: "告警不存在或已处理" },
  webhook_missing: { message: "请先保存 Webhook 地址" },

  // quota
  not_verified: { message: "领取免费额度前请先完成实名认证" },
  free_off: { message: "平台暂未提供免费额度" },
  already_claimed: { message: "该接口的免费额度已领取过（每位实名用户每个接口限领一次，同一身份证号的账户共用）" },
  pack_not_found: { message: "资源包不存在" },
  already_cancelled: { message: "资源包已作废" },
  spec_not_found: { message: "该规格不存在" },

  // orders and payments
  empty: { message: "请至少选择一个资源包" },
  price_missing: { message: "该规格暂未定价，请联系我们" },
  too_large: { message: "订单金额过大，请分多次购买" },
  not_cancellable: { message: "订单不存在或已不是待支付状态" },
  order_not_found: { message: "订单不存在" },
  not_payable: { message: "订单已支付或已取消，无需重复支付" },
  unverified: { message: "支付订单前请先完成实名认证" },
  voucher_and_coupon: { message: "订单不支持同时使用代金券和优惠券" },
  voucher_unusable: { message: "代金券不可用（已使用、已过期或不属于您）" },
  coupon_unusable: { message: "优惠券不可用（已使用、已过期、未达使用门槛或不属于您）" },
  insufficient_balance: { message: "账户余额不足，请先充值或选择其他支付方式" },
  card_unavailable: { message: "暂不支持银行卡支付" },
  amount_mismatch: { message: "支付金额与订单不符" },
  bad_amount: { message: "金额无效" },
  card_not_needed: { message: "该订单无需银行卡支付，请使用余额支付" },
  topup_unavailable: { message: "暂不支持在线充值" },
  topup_amount: { message: "充值金额须在 ¥1 至 ¥100,000 之间", field: "amount" },
  adjust_amount: { message: "金额须为非零整数（分）", field: "amount" },
  adjust_below_zero: { message: "余额不足以扣减", field: "amount" },
  too_many_open: { message: "您已有 5 笔待确认的汇款申请，请等待运营人员处理后再提交" },
  transfer_not_found: { message: "汇款申请不存在" },
  already_decided: { message: "该汇款申请已处理" },
} as const satisfies Record<string, { message: string | ((p: never) => string); field?: string }>;

function minutes(sec: number): number {
  return Math.ceil(sec / 60);
}

/** One entry as the helpers read it (parameters checked at each call by ConsoleErrorParams). */
type ErrorEntry = { message: string | ((p: unknown) => string); field?: string };

export type ConsoleErrorCode = keyof typeof CONSOLE_ERRORS;
type Entry<C extends ConsoleErrorCode> = (typeof CONSOLE_ERRORS)[C];
/** The values a code's message needs: none for a fixed sentence. */
export type ConsoleErrorParams<C extends ConsoleErrorCode> = Entry<C>["message"] extends (p: infer P) => string ? [params: P] : [];

/** The sentence a person sees for `code`. */
export function consoleMessage<C extends ConsoleErrorCode>(code: C, ...params: ConsoleErrorParams<C>): string {
  const m = (CONSOLE_ERRORS[code] as ErrorEntry).message;
  return typeof m === "function" ? m(params[0]) : m;
}

/** A failed Result with the catalogue's message and field for `code`. */
export function fail<C extends ConsoleErrorCode>(code: C, ...params: ConsoleErrorParams<C>): Err<C> {
  return err(code, consoleMessage(code, ...params), (CONSOLE_ERRORS[code] as ErrorEntry).field);
}

type ErrorState = Extract<ActionState, { status: "error" }>;

/** A server action's refusal (the form shows `message`, and it beside the field when there is one). */
export function refuse<C extends ConsoleErrorCode>(code: C, ...params: ConsoleErrorParams<C>): ErrorState {
  return errorState(fail(code, ...params));
}

/** A failed Result as the form's state. */
export function errorState(e: Err): ErrorState {
  return { status: "error", message: e.message, fieldErrors: e.field ? { [e.field]: e.message } : undefined };
}
