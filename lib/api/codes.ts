/**
 * Error codes of the signed OCR open API, declared once.
 * 4001–4013 and 5000 are the manual's (用户操作手册 4.1–4.3, in its order);
 * 4014 onwards are ours, for what the manual leaves out. Each has the HTTP status
 * the gateway answers with when the whole request fails, and a message a
 * developer can act on. Per-image failures (err_code/err_msg in result[]) use the
 * same table but are always delivered inside an HTTP 200 response.
 */
export const API_CODES = {
  4001: { status: 400, message: "请求 JSON 处理异常", fix: "请求体必须是合法的 JSON。" },
  4002: { status: 400, message: "body 传入的不是字典", fix: "请求体必须是 JSON 对象，如 {\"data\": [...]}。" },
  4003: { status: 400, message: "请求中未包 data 字段", fix: "在请求体中加入 data 字段。" },
  4004: { status: 400, message: "data 字段图片数据不是 list 格式", fix: "data 必须是 Base64 字符串构成的数组。" },
  4005: { status: 400, message: "图片 list 内图片数量为 0", fix: "data 中至少放入一张图片。" },
  4006: { status: 400, message: "图片 list 内图片数量超过 50 张", fix: "单次请求最多 50 张图片，请分批请求。" },
  4007: { status: 200, message: "文件处理错误, 请联系管理员", fix: "图片数据已损坏或无法解码，请检查文件。" },
  4008: { status: 200, message: "base64 数据处理异常", fix: "请使用常规 Base64 编码图片（不含 data: 前缀亦可）。" },
  4009: { status: 200, message: "请求文件格式不合法, 仅支持 jpeg/png/jpg/bmp 格式", fix: "请上传 png、jpg、jpeg 或 bmp 图片。" },
  4010: { status: 200, message: "单张图片大小超过 10M", fix: "请压缩图片至 10MB 以内。" },
  4011: { status: 200, message: "图片尺寸不符合要求, 分辨率长宽尺寸应不高于 5000 不低于 32", fix: "请将图片宽高调整到 32–5000 像素之间。" },
  4012: { status: 405, message: "请求方法错误, 请使用 POST 请求", fix: "请使用 HTTP POST。" },
  4013: { status: 404, message: "无效的请求路径, 请确保请求路径正确", fix: "请核对请求 URL 与服务码。" },
  4014: { status: 401, message: "签名校验失败", fix: "Sign 应为 MD5(AppKey + AppSecret + Timestamp + Path + Body) 的 32 位小写十六进制串，Path 不含域名与查询串，Body 为原样发送的请求体。" },
  4015: { status: 401, message: "Timestamp 无效或与服务器时间相差超过 5 分钟", fix: "Timestamp 须为当前时间的 13 位毫秒时间戳，并校准本机时钟。" },
  4016: { status: 401, message: "重复的请求, 该签名已被使用", fix: "每次请求使用新的 Timestamp 重新计算 Sign。" },
  4017: { status: 401, message: "AppKey 无效或应用已停用", fix: "请核对 AppKey，并在控制台确认应用处于启用状态。" },
  4018: { status: 403, message: "服务码不属于该应用或该接口", fix: "请使用控制台“我的应用”中该应用对应接口的服务码。" },
  4019: { status: 403, message: "调用次数已用完或资源包已过期", fix: "请在“我的能力”中购买资源包或领取免费额度。" },
  4020: { status: 429, message: "请求过于频繁, 超过应用的调用频率限制", fix: "请按 Retry-After 响应头等待后重试。" },
  4021: { status: 413, message: "请求体过大", fix: "单次请求体不得超过 50 张 10MB 图片的 Base64 大小，请分批请求。" },
  4022: { status: 401, message: "EOP 签名请求头缺失或格式错误", fix: "EOP 签名须带 appkey、ctyun-eop-request-id、eop-date（yyyymmddTHHMMSSZ）与 Eop-Authorization: <AK> Headers=appkey;ctyun-eop-request-id;eop-date Signature=<Base64> 请求头；Headers= 须列出 ctyun-eop-request-id 与 eop-date，且所列请求头都已发送。" },
  4023: { status: 401, message: "AccessKey 无效、已停用或不属于该应用所在账户", fix: "请在控制台“账户 → AccessKey”核对 AK 处于启用状态，且与 AppKey 的应用属于同一账户。" },
  4024: { status: 401, message: "EOP 签名校验失败", fix: "Signature 应为 Base64(HMAC-SHA256(kDate, 待签字符串))，kDate 由 SK、eop-date 与 AK 依次派生；待签字符串为所签请求头 name:value 各一行、空行、排序后的查询串、换行、请求体原样字节的 SHA-256 小写十六进制。" },
  4025: { status: 401, message: "eop-date 无效或与服务器时间相差超过 5 分钟", fix: "eop-date 须为 yyyymmddTHHMMSSZ 格式的当前时间（UTC，或北京时间后缀 Z 亦可），并校准本机时钟。" },
  4026: { status: 401, message: "重复的请求, 该 ctyun-eop-request-id 已被使用", fix: "每次请求生成新的 ctyun-eop-request-id（UUID）并重新签名。" },
  4027: { status: 403, message: "调用来源 IP 不在应用的 IP 白名单内", fix: "请在控制台该应用的“调用限制”中把此地址或其网段加入 IP 白名单，或从白名单内的地址调用。" },
  4201: { status: 404, message: "异步任务不存在", fix: "请核对 job_id，并使用提交该任务的应用与接口的服务码查询；结果保留期满后任务会被删除。" },
  4202: { status: 200, message: "任务已取消, 该图片未识别", fix: "该图片未被识别也未计费；如需结果请重新提交。" },
  4203: { status: 409, message: "任务已结束, 无法取消", fix: "只能取消排队中或处理中的任务。" },
  4204: { status: 400, message: "异步任务图片数量超过 1000 张", fix: "单个异步任务最多 1000 张图片，请拆分为多个任务。" },
  4205: { status: 400, message: "callback_url 不合法", fix: "回调地址须为可公网访问的 HTTPS URL，不能指向本机或内网地址，也不能包含用户名或密码。" },
  4101: { status: 200, message: "未检测到身份证", fix: "请上传清晰、完整的居民身份证正面或反面照片。" },
  5000: { status: 500, message: "OCR 服务接口异常, 请联系管理员", fix: "请稍后重试；如持续出现，请携带 X-Request-Id 联系我们。" },
  5001: { status: 503, message: "识别服务繁忙, 请稍后重试", fix: "请稍后重试，或降低并发。" },
} as const satisfies Record<number, { status: number; message: string; fix: string }>;

export type ApiCode = keyof typeof API_CODES;

export function codeMessage(code: ApiCode): string {
  return API_CODES[code].message;
}

/** A typed failure of the open API; the gateway turns it into the manual's error body. */
export class ApiError extends Error {
  constructor(
    public readonly code: ApiCode,
    public readonly details: string = API_CODES[code].message,
    /** for a refusal the client may retry as is (4020, 5001): seconds until it would be admitted */
    public readonly retryAfterSeconds?: number,
  ) {
    super(`${code} ${details}`);
    this.name = "ApiError";
  }
  get status(): number {
    return API_CODES[this.code].status;
  }
}
