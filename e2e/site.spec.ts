import { expect, test } from "@playwright/test";

test("产品 shows the intro, the three APIs, the scenarios and the advantages; each API has a page with 立即使用", async ({ page }) => {
  await page.goto("/products");
  for (const h of ["产品功能", "使用场景", "产品优势"]) await expect(page.getByRole("heading", { name: h })).toBeVisible();
  for (const s of ["注册登记审核", "文档识别录入", "交通协查"]) await expect(page.getByRole("heading", { name: s })).toBeVisible();
  for (const [slug, name] of [
    ["general", "通用型 OCR"],
    ["idcard", "身份证识别"],
    ["plate", "车牌识别"],
  ]) {
    await page.goto(`/products/${slug}`);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByRole("link", { name: "立即使用" })).toHaveAttribute("href", "/console/apps?new=1");
  }
});

test("定价 lists five tiers per API from the price table and spells out the pack rules", async ({ page }) => {
  await page.goto("/pricing");
  for (const label of ["通用型OCR", "身份证识别", "车牌识别"]) {
    const table = page.getByRole("table", { name: `${label}资源包价格` });
    await expect(table.getByRole("row")).toHaveCount(6);
    for (const tier of ["1000次/年", "1万次/年", "10万次/年", "100万次/年", "1000万次/年"]) await expect(table).toContainText(tier);
    await expect(table).toContainText("¥");
  }
  for (const rule of ["资源包可叠加", "有效期一年", "不结转", "不可退订", "用完即停"]) await expect(page.getByText(rule)).toBeVisible();
  await expect(page.getByRole("link", { name: "《公测产品服务协议》" })).toHaveAttribute("href", "/agreement");
});

test("文档 has every API's headers, fields, samples and the error codes", async ({ page }) => {
  await page.goto("/docs");
  const codes = page.getByRole("table", { name: "错误码" });
  for (const c of ["4001", "4013", "4014", "4019", "5000"]) await expect(codes).toContainText(c);
  await expect(page.getByRole("table", { name: "请求头", exact: true })).toContainText("Sign");
  await expect(page.getByRole("table", { name: "EOP 请求头" })).toContainText("eop-date");

  await page.goto("/docs/idcard");
  await expect(page.getByRole("heading", { level: 1, name: "身份证识别接口说明" })).toBeVisible();
  await expect(page.getByText("/IdentityCard/ocr/v1/idcard.json").first()).toBeVisible();
  const fields = page.getByRole("table", { name: "返回参数" });
  for (const f of ["result[].note", "result[].detail.idn", "result[].idcard_face", "result[].risk", "result[].err_code"]) await expect(fields).toContainText(f);
  for (const title of ["Bash（MD5 Sign）", "Python（MD5 Sign）", "Node.js（MD5 Sign）", "Python（EOP 签名）", "Node.js（EOP 签名）"]) {
    await expect(page.getByRole("button", { name: `复制 ${title} 示例` })).toBeVisible();
  }
  await expect(page.getByRole("table", { name: "请求头（EOP 签名）" })).toContainText("Eop-Authorization");

  await page.goto("/docs/plate");
  await expect(page.getByRole("table", { name: "返回参数" })).toContainText("result[].detail[].plate_license");
  await page.goto("/docs/general");
  await expect(page.getByRole("table", { name: "返回参数" })).toContainText("result[].detail[].box");
});

test("常见问题 and the service agreement are public", async ({ page }) => {
  await page.goto("/faq");
  await expect(page.getByText("OCR 产品有哪些 API 服务？")).toBeVisible();
  await expect(page.getByText("HTTP POST 请求", { exact: false }).first()).toBeVisible();
  await page.goto("/agreement");
  await expect(page.getByRole("heading", { level: 1, name: "《公测产品服务协议》" })).toBeVisible();
});
