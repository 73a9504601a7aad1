import { expect as baseExpect, test } from "@playwright/test";
import { login, registerNew, seed } from "./helpers";

// The shared dev server compiles pages on first visit and shares two cores: allow it time.
const SLOW = { timeout: 60_000 };
const expect = baseExpect.configure(SLOW);
test.describe.configure({ timeout: 300_000 });

/**
 * The manual's own example (3.1.3): 1000次 ×1 and 10万次 ×1 → 确认配置 → 协议 → 立即购买 →
 * 待支付 with a 20-digit number → 立即支付 with the balance → 支付成功 → 已完成 → 我的能力 shows 101,000 calls.
 * A fresh application is created through the UI, so the seeded packs do not interfere.
 */
test("buy 1000次 + 10万次 and pay with the balance", async ({ page }) => {
  const s = seed();
  await login(page, s.customer.email, s.customer.password, SLOW);

  const name = `订单测试${String(Date.now()).slice(-6)}`;
  await page.goto("/console/apps");
  await page.getByRole("button", { name: "新的应用" }).click();
  await page.getByLabel("应用名称").fill(name);
  await page.getByRole("button", { name: "确定" }).click();
  await page.getByRole("link", { name: "下一步" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();

  // 我的能力 → 购买 on the 通用型OCR row
  await page.getByTestId("capability-general").getByRole("link", { name: "购买" }).click();
  await expect(page).toHaveURL(/\/buy\/general$/);

  // 选择配置
  const next = page.getByRole("button", { name: "下一步：确认配置" });
  await expect(next).toBeDisabled();
  await page.getByRole("button", { name: "增加1000次" }).click();
  await page.getByRole("button", { name: "增加10万次" }).click();
  await expect(page).toHaveURL(/q=1000:1,100000:1/);
  const list = page.getByRole("table", { name: "配置清单" });
  await expect(list.getByRole("row")).toHaveCount(3);
  const total = (await page.getByTestId("cart-total").innerText()).trim();

  // 清空 and choose again: the refresh keeps the cart (it lives in the URL)
  await page.getByRole("button", { name: "清空" }).click();
  await expect(page.getByRole("button", { name: "下一步：确认配置" })).toBeDisabled();
  await page.getByRole("button", { name: "增加1000次" }).click();
  await page.getByRole("button", { name: "增加10万次" }).click();
  await expect(page).toHaveURL(/q=1000:1,100000:1/);
  await page.reload();
  await expect(page.getByTestId("cart-total")).toHaveText(total);
  await page.getByRole("link", { name: "下一步：确认配置" }).click();

  // 确认配置
  await expect(page.getByRole("heading", { name: "确认配置" })).toBeVisible();
  const confirm = page.getByRole("table", { name: "确认配置" });
  await expect(confirm.getByRole("row", { name: /1000次/ })).toContainText("次数包");
  await expect(confirm.getByRole("row", { name: /10万次/ })).toContainText("通用型OCR");
  await expect(page.getByRole("link", { name: "编辑" })).toBeVisible();
  await expect(page.getByRole("link", { name: "上一步" })).toBeVisible();
  await expect(page.getByRole("link", { name: /服务协议/ })).toHaveAttribute("href", "/agreement");
  const buy = page.getByRole("button", { name: "立即购买" });
  await expect(buy).toBeDisabled();
  await page.getByLabel(/我已阅读并同意相关协议/).check();
  await buy.click();

  // 订单详情: 待支付, 20-digit number
  await expect(page).toHaveURL(/\/console\/orders\/\d{20}$/);
  await expect(page.getByTestId("order-status")).toHaveText("待支付");
  const number = (await page.getByTestId("order-number").innerText()).trim();
  expect(number).toMatch(/^\d{20}$/);
  await expect(page.getByText("包周期新购")).toBeVisible();
  await page.getByRole("link", { name: "立即支付" }).click();

  // 支付
  await expect(page).toHaveURL(new RegExp(`/console/orders/${number}/pay$`));
  await expect(page.getByText("订单费用:")).toBeVisible();
  await expect(page.getByText("账户余额支付:")).toBeVisible();
  await expect(page.getByText("代金券支付:")).toBeVisible();
  await expect(page.getByText("优惠券优惠:")).toBeVisible();
  await expect(page.getByTestId("need-to-pay")).toHaveText("0.00元");
  await expect(page.getByText("银行卡支付（Stripe）")).toHaveCount(0); // no Stripe keys here
  await page.getByRole("button", { name: "立即支付" }).click();

  // 支付结果
  await expect(page).toHaveURL(new RegExp(`/console/orders/${number}/result$`));
  await expect(page.getByRole("heading", { name: "支付成功" })).toBeVisible();
  await expect(page.getByTestId("order-status")).toHaveText("已完成");
  await expect(page.getByTestId("order-number")).toHaveText(number);

  // 返回订单列表 shows it 已完成
  await page.getByRole("link", { name: "返回订单列表" }).click();
  await expect(page.getByTestId(`order-${number}`).getByTestId("order-status")).toHaveText("已完成");

  // 我的能力 of the new application: 101,000 calls
  await page.goto(`/console/orders/${number}`);
  await page.getByRole("link", { name: "我的能力" }).click();
  await expect(page.getByTestId("capability-general")).toContainText("101,000");
});

test("an unverified customer cannot pay and is sent to 实名认证", async ({ page }) => {
  // A newly registered account is not verified; it needs an application to order for.
  await registerNew(page);
  await page.goto("/console/apps");
  await page.getByRole("button", { name: "新的应用" }).click();
  await page.getByLabel("应用名称").fill(`未实名${String(Date.now()).slice(-6)}`);
  await page.getByRole("button", { name: "确定" }).click();
  await page.getByRole("link", { name: "下一步" }).click();
  await page.getByTestId("capability-idcard").getByRole("link", { name: "购买" }).click();
  await page.getByRole("button", { name: "增加1万次" }).click();
  await page.getByRole("link", { name: "下一步：确认配置" }).click();
  await page.getByLabel(/我已阅读并同意相关协议/).check();
  await page.getByRole("button", { name: "立即购买" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("待支付");
  await page.getByRole("link", { name: "立即支付" }).click();
  await expect(page.getByRole("button", { name: "立即支付" })).toBeDisabled();
  // 实名认证 comes back to this order afterwards
  const orderPay = new URL(page.url()).pathname;
  await expect(page.getByRole("link", { name: "立即实名认证" }).first()).toHaveAttribute("href", `/console/account?returnTo=${encodeURIComponent(orderPay)}#verify`);
  // 取消订单
  await page.goBack();
  await page.getByRole("button", { name: "取消订单" }).click();
  await page.getByRole("button", { name: "确认取消" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("已取消");
});
