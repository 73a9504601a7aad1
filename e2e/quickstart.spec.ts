/**
 * The manual's quick start for a brand-new customer with nobody's help: 注册 → 实名认证 →
 * 新建应用 → 购买 通用型OCR 1000次 + 10万次 during the seeded public beta (¥0.00, 公测截止时间
 * shown) → 立即支付 with a ¥0 balance → 在线调试 recognises a page, and the call is charged
 * (我的能力 shows one call fewer). No operator, no balance, no Stripe.
 */
import { expect as baseExpect, test } from "@playwright/test";
import { renderTextPage } from "../lib/render/textpage";
import { registerNew, uniqueIdNumber } from "./helpers";

const SLOW = { timeout: 60_000 };
const expect = baseExpect.configure(SLOW);
test.describe.configure({ timeout: 300_000 });

test("a new customer completes the quick start alone and makes a charged call in 在线调试", async ({ page }) => {
  await registerNew(page, "Passw0rd!x", SLOW);

  // 实名认证
  await page.goto("/console/account#verify");
  await page.getByLabel("真实姓名").fill("李四");
  const idn = uniqueIdNumber();
  await page.getByLabel("身份证号").fill(idn);
  await page.getByRole("button", { name: "提交实名认证" }).click();
  await expect(page.getByText(`${idn.slice(0, 3)}***********${idn.slice(-4)}`)).toBeVisible();

  // 新建应用 → 下一步 → 我的能力
  const name = `快速入门${String(Date.now()).slice(-6)}`;
  await page.goto("/console/apps?new=1");
  const dialog = page.getByRole("dialog", { name: "新建应用" });
  await dialog.getByLabel("应用名称").fill(name);
  await dialog.getByRole("button", { name: "确定" }).click();
  await dialog.getByRole("link", { name: "下一步" }).click();
  await expect(page.getByRole("heading", { name: "我的能力" })).toBeVisible();
  await page.getByTestId("capability-general").getByRole("link", { name: "购买" }).click();

  // 选择配置: 公测截止时间 and ¥0.00 on every tier
  const tier1k = page.getByTestId("tier-1000");
  await expect(tier1k).toContainText(/\d{4}-\d{2}-\d{2} 23:59:59/);
  await expect(tier1k).toContainText("¥0.00");
  await expect(tier1k).toContainText("公测期间免费");
  await page.getByRole("button", { name: "增加1000次" }).click();
  await page.getByRole("button", { name: "增加10万次" }).click();
  await expect(page.getByTestId("cart-total")).toHaveText("¥0.00元");
  await page.getByRole("link", { name: "下一步：确认配置" }).click();
  await page.getByLabel(/我已阅读并同意相关协议/).check();
  await page.getByRole("button", { name: "立即购买" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("待支付");
  await page.getByRole("link", { name: "立即支付" }).click();

  // 支付: ¥0.00 with a ¥0.00 balance
  await expect(page.getByTestId("balance")).toHaveText("0.00");
  await expect(page.getByTestId("need-to-pay")).toHaveText("0.00元");
  await page.getByRole("button", { name: "立即支付" }).click();
  await expect(page.getByRole("heading", { name: "支付成功" })).toBeVisible();

  // 在线调试 with the new application: a real, signed, charged call
  await page.goto("/console/playground");
  await page.getByLabel("应用").selectOption({ label: name });
  const image = await renderTextPage(["快速入门 20261129"], { size: 40 });
  await page.getByTestId("file-input").setInputFiles({ name: "quick.png", mimeType: "image/png", buffer: image });
  await page.getByRole("button", { name: "识别", exact: true }).click();
  await expect(page.getByTestId("result-text").filter({ hasText: "20261129" })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId("raw-json")).toContainText('"code": 0');

  // 我的能力: one call was taken from the 101,000 bought
  await page.goto("/console/apps");
  await page.getByRole("link", { name }).first().click();
  await expect(page.getByTestId("capability-general")).toContainText("100,999");
  await expect(page.getByTestId("capability-general")).toContainText("已开通");
});

test("定价 and 产品 say 公测期间免费 and the price after the beta", async ({ page }) => {
  await page.goto("/pricing");
  await expect(page.getByRole("note")).toContainText("公测期间免费");
  const row = page.getByRole("table", { name: "通用型OCR资源包价格" }).getByRole("row", { name: /^1000次\/年/ });
  await expect(row).toContainText("¥0.00");
  await expect(row).toContainText(/公测后 ¥\d/);
  await page.goto("/products/general");
  const price = page.getByRole("region", { name: "价格" });
  await expect(price).toContainText("公测期间免费");
  await expect(price).toContainText(/公测结束后 1000次\/年 ¥\d/);
});

test("忘记密码 is linked from 登录, and an unknown URL gets a Chinese 页面不存在 in the site's chrome with a favicon", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "忘记密码？" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel("邮箱").fill("not-an-email");
  await page.getByRole("button", { name: "发送重置链接" }).click();
  await expect(page.getByLabel("邮箱")).toHaveValue("not-an-email"); // kept after the refusal
  await page.getByLabel("邮箱").fill("nobody@test.local");
  await page.getByRole("button", { name: "发送重置链接" }).click();
  await expect(page.getByText("如果 nobody@test.local 已注册")).toBeVisible();

  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  await expect(page.getByRole("link", { name: "返回首页" })).toBeVisible();
  await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute("href", /icon/);
});

test("the login form keeps the e-mail after a wrong password", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("邮箱").fill("kept@test.local");
  await page.getByLabel("密码").fill("wrong-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(page.getByLabel("邮箱")).toHaveValue("kept@test.local");
});
