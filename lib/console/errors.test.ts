import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONSOLE_ERRORS, consoleMessage, fail, refuse, type ConsoleErrorCode } from "./errors";

/** Sample values for the messages that depend on the case. */
const SAMPLE = { retryAfterSec: 125, reason: "欠费", contact: "support@example.com", problem: "身份证号校验位不正确", max: 5, cap: 50, ceiling: 20 };

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

describe("console error catalogue", () => {
  const codes = Object.keys(CONSOLE_ERRORS) as ConsoleErrorCode[];

  it("gives every code a Chinese sentence a person can act on", () => {
    for (const code of codes) {
      const message = (consoleMessage as (c: ConsoleErrorCode, p?: unknown) => string)(code, SAMPLE);
      expect(message, code).toMatch(/[\u4e00-\u9fff]/);
      expect(message, code).not.toMatch(/undefined|NaN|\[object/);
    }
  });

  it("uses each message for one code only", () => {
    const fixed = codes.map((c) => CONSOLE_ERRORS[c].message).filter((m) => typeof m === "string");
    expect(new Set(fixed).size).toBe(fixed.length);
  });

  it("fills in the case's values and the field the message belongs to", () => {
    expect(fail("app_not_found")).toEqual({ ok: false, code: "app_not_found", message: "应用不存在或已删除" });
    expect(fail("over_ceiling", { ceiling: 20 })).toEqual({ ok: false, code: "over_ceiling", message: "QPS 不能超过账户上限 20（如需更高请联系我们）", field: "qps" });
    expect(fail("verify_throttled", { retryAfterSec: 61 }).message).toBe("实名认证尝试过于频繁，请 2 分钟后再试");
    expect(refuse("wrong_password")).toEqual({ status: "error", message: "密码不正确", fieldErrors: { password: "密码不正确" } });
  });

  it("is the only place the console's domain code writes an error sentence", () => {
    const offenders = ["lib", "app"]
      .flatMap((d) => files(d))
      .filter((f) => !f.endsWith(".test.ts") && !f.startsWith(join("lib", "console")))
      .filter((f) => /\berr\(\s*"/.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });
});
