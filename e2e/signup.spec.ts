/**
 * Sign-up as a new customer sees it: consent to 《用户协议》《隐私政策》 is required (and the
 * documents exist, named the same everywhere), and the address is verified by the link in
 * the mail — until then the console says 邮箱未验证 and offers 重新发送.
 */
import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";

const SLOW = { timeout: 60_000 };

test("sign-up requires consent to 《用户协议》《隐私政策》, which are real pages with one name", async ({ page }) => {
  const email = `e2e-consent-${Date.now()}@test.local`;
  await page.goto("/register");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码", { exact: true }).fill("Passw0rd!x");
  await page.getByLabel("确认密码").fill("Passw0rd!x");
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByRole("alert").first()).toHaveText("请阅读并勾选同意《用户协议》和《隐私政策》");
  await expect(page).toHaveURL(/\/register/);
  await expect(page.getByLabel("邮箱")).toHaveValue(email);

  const form = page.locator("form");
  await expect(form.getByRole("link", { name: "《用户协议》" })).toHaveAttribute("href", "/legal/terms");
  await expect(form.getByRole("link", { name: "《隐私政策》" })).toHaveAttribute("href", "/legal/privacy");

  for (const [path, name] of [["/legal/terms", "用户协议"], ["/legal/privacy", "隐私政策"]] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`《${name}》`);
    await expect(page.getByRole("navigation", { name: "面包屑" })).toHaveText(`首页/法律条款/${name}`);
    await expect(page.getByRole("contentinfo").getByRole("link", { name, exact: true })).toHaveAttribute("href", path);
    await expect(page).toHaveTitle(new RegExp(name));
  }
  await expect(page.getByText("识别完成后即丢弃，不写入数据库或文件")).toBeVisible();
});

test("a new account verifies its e-mail: 邮箱未验证 banner, 重新发送, the link, banner gone", async ({ page }) => {
  const email = `e2e-verify-${Date.now()}@test.local`;
  await page.goto("/register");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码", { exact: true }).fill("Passw0rd!x");
  await page.getByLabel("确认密码").fill("Passw0rd!x");
  await page.getByLabel(/我已阅读并同意/).check();
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page).toHaveURL(/\/console/, SLOW);

  const banner = page.getByRole("status", { name: "邮箱未验证" });
  await expect(banner).toContainText(email);
  // the console stays usable while unverified
  await page.getByRole("link", { name: "我的应用" }).click();
  await expect(page.getByRole("heading", { name: "我的应用" })).toBeVisible();
  await expect(banner).toBeVisible();
  await banner.getByRole("button", { name: "重新发送" }).click();
  await expect(banner).toContainText(`验证邮件已发送至 ${email}`);

  const link = execFileSync("npx", ["tsx", "e2e/verify-link.ts", email], { encoding: "utf8", env: process.env }).trim().split("\n").pop()!;
  await page.goto(link);
  await expect(page.getByText(`邮箱验证成功：${email}`)).toBeVisible();
  await page.getByRole("link", { name: "进入控制台" }).click();
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await expect(page.getByRole("status", { name: "邮箱未验证" })).toHaveCount(0);
  // the same link again: no second effect, just says so
  await page.goto(link);
  await expect(page.getByText(`邮箱 ${email} 已验证，无需重复验证。`)).toBeVisible();
});
