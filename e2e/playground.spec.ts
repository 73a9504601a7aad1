/**
 * 在线调试 in Chromium against the real signed API (the demo application has packs for all
 * three APIs): a rendered text page is recognised with boxes, a plate sample shows its
 * number, files the API refuses show its code and message in the browser, and the
 * AppSecret never reaches the page.
 */
import { expect, test, type Page } from "@playwright/test";
import { API_CODES } from "../lib/api/codes";
import { randomPlate } from "../lib/render/random";
import { renderTextPage } from "../lib/render/textpage";
import { login, seed } from "./helpers";

const RESULT = { timeout: 90_000 };

async function openPlayground(page: Page): Promise<void> {
  const s = seed();
  await login(page, s.customer.email, s.customer.password);
  await page.goto("/console/playground");
  await expect(page.getByRole("heading", { name: "在线调试" })).toBeVisible();
  await page.getByLabel("应用").selectOption({ label: "演示应用OCR" });
}

test("a rendered text page is recognised: text, boxes, request id and latency", async ({ page }) => {
  await openPlayground(page);
  const image = await renderTextPage(["发票号码 20240517", "北京市朝阳区建国路88号", "SN:ABCDEFGHJKLMNPQRSTUVWXYZ0123456789ABCDEFGHJKLMN"], { size: 40 });
  await page.getByTestId("file-input").setInputFiles({ name: "text-page.png", mimeType: "image/png", buffer: image });
  await expect(page.getByTestId("image-item")).toContainText("text-page.png");
  await page.getByRole("button", { name: "识别", exact: true }).click();

  await expect(page.getByTestId("result-text").filter({ hasText: "20240517" })).toBeVisible(RESULT);
  await expect(page.getByTestId("result-text").filter({ hasText: "建国路" })).toBeVisible();
  expect(await page.getByTestId("result-box").count()).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId("request-id")).toHaveText(/^req_/);
  await expect(page.getByTestId("latency")).toHaveText(/^\d+ ms$/);
  await expect(page.getByTestId("raw-json")).toContainText('"code": 0');
  await expect(page.getByRole("button", { name: "复制 JSON" })).toBeVisible();
  await expect(page.getByTestId("image-item")).toContainText("行文字");
  // the 坐标 column is in view, not cut off behind the table's horizontal scroll
  const table = page.getByRole("table", { name: "识别到的文本行" });
  const wrap = (await table.locator("xpath=..").boundingBox())!;
  for (const coord of await page.getByTestId("result-coord").all()) {
    const box = (await coord.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(wrap.x + wrap.width);
  }
});

test("the plate sample shows its number and type", async ({ page }) => {
  await openPlayground(page);
  await page.getByText("车牌识别", { exact: true }).click();
  await page.getByRole("button", { name: "街景车牌" }).click();
  await expect(page.getByTestId("image-item")).toContainText("街景车牌.png");
  await page.getByRole("button", { name: "识别", exact: true }).click();
  const plate = randomPlate(31, "蓝牌");
  await expect(page.getByTestId("plate-number")).toHaveText(plate.text, RESULT);
  await expect(page.getByRole("cell", { name: "蓝牌" })).toBeVisible();
  await expect(page.getByTestId("result-box")).toHaveCount(1);
});

test("unsupported and oversized files show the API's code and message beside them and are not sent", async ({ page }) => {
  await openPlayground(page);
  const big = Buffer.alloc(10 * 1024 * 1024 + 1);
  (await renderTextPage(["big"])).copy(big);
  await page.getByTestId("file-input").setInputFiles([
    { name: "notes.png", mimeType: "image/png", buffer: Buffer.from("this is text, not an image") },
    { name: "anim.gif", mimeType: "image/gif", buffer: Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "binary") },
    { name: "huge.png", mimeType: "image/png", buffer: big },
  ]);
  const items = page.getByTestId("image-item");
  await expect(items).toHaveCount(3);
  await expect(items.filter({ hasText: "notes.png" }).getByTestId("image-error")).toHaveText(`4009 ${API_CODES[4009].message}`);
  await expect(items.filter({ hasText: "anim.gif" }).getByTestId("image-error")).toHaveText(`4009 ${API_CODES[4009].message}`);
  await expect(items.filter({ hasText: "huge.png" }).getByTestId("image-error")).toHaveText(`4010 ${API_CODES[4010].message}`);
  // nothing valid to send
  await expect(page.getByRole("button", { name: "识别", exact: true })).toBeDisabled();

  // a file that passes the browser's checks but that the API cannot decode: its per-image error lands beside it,
  // and only the files that passed were sent
  const png = await renderTextPage(["ok"]);
  const corrupt = Buffer.concat([png.subarray(0, 33), Buffer.alloc(2000, 7)]);
  await page.getByTestId("file-input").setInputFiles([{ name: "broken.png", mimeType: "image/png", buffer: corrupt }]);
  await page.getByRole("button", { name: "识别", exact: true }).click();
  // the gateway's per-image err_code and err_msg, whatever it decided (4007 by the manual; the engine may say 5000)
  await expect(items.filter({ hasText: "broken.png" }).getByTestId("image-error")).toHaveText(/^(4007|5000) /, RESULT);
  await expect(page.getByTestId("raw-json")).toContainText('"err_code"');
  await expect(page.getByTestId("raw-json")).toContainText('"fail": 1');
  await expect(page.getByTestId("raw-json")).toContainText('"success": 0');
  await expect(items.filter({ hasText: "huge.png" }).getByTestId("image-error")).toHaveText(`4010 ${API_CODES[4010].message}`);
});

test("images can be dropped and pasted too", async ({ page }) => {
  await openPlayground(page);
  const b64 = (await renderTextPage(["拖放与粘贴"])).toString("base64");
  const dt = await page.evaluateHandle((data) => {
    const d = new DataTransfer();
    d.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], "dropped.png", { type: "image/png" }));
    return d;
  }, b64);
  await page.getByTestId("drop-zone").dispatchEvent("drop", { dataTransfer: dt });
  await page.evaluate((data) => {
    const d = new DataTransfer();
    d.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], "pasted.png", { type: "image/png" }));
    window.dispatchEvent(new ClipboardEvent("paste", { clipboardData: d }));
  }, b64);
  const items = page.getByTestId("image-item");
  await expect(items).toHaveCount(2);
  await expect(items.filter({ hasText: "dropped.png" })).toContainText("待识别");
  await expect(items.filter({ hasText: "pasted.png" })).toContainText("待识别");
  await expect(page.getByRole("button", { name: "识别 2 张" })).toBeEnabled();
});

test("the AppSecret never reaches the page; the code sample shows it masked", async ({ page }) => {
  const secret = seed().app.appSecret;
  const bodies: string[] = [];
  page.on("response", async (res) => {
    if (res.url().includes("/console/playground") || res.url().includes("/api/console/playground")) {
      bodies.push(await res.text().catch(() => ""));
    }
  });
  await openPlayground(page);
  await expect(page.getByTestId("code-sample")).toContainText("Sign: ");
  await page.getByRole("tab", { name: "Python（EOP）" }).click();
  await expect(page.getByTestId("code-sample")).toContainText(`ak = "${seed().accessKey.ak}"`);
  await expect(page.getByTestId("code-sample")).toContainText("Eop-Authorization");
  await page.getByRole("tab", { name: "Python", exact: true }).click();
  await expect(page.getByTestId("code-sample")).toContainText('app_secret = "********"');
  await expect(page.getByTestId("code-sample")).toContainText(seed().app.appKey);
  await page.getByRole("button", { name: "文本页面" }).click();
  await page.getByRole("button", { name: "识别", exact: true }).click();
  await expect(page.getByTestId("request-id")).toHaveText(/^req_/, RESULT);

  expect(await page.content()).not.toContain(secret);
  expect(await page.content()).not.toContain(seed().accessKey.sk);
  const source = await (await page.request.get("/console/playground")).text();
  expect(source).toContain("在线调试");
  expect(source).not.toContain(secret);
  expect(bodies.length).toBeGreaterThan(0);
  for (const b of bodies) expect(b).not.toContain(secret);

  // revealing it in the samples takes the account password
  await page.getByRole("button", { name: "查看 AppSecret" }).click();
  const dialog = page.getByRole("dialog", { name: "验证登录密码" });
  await dialog.getByLabel("登录密码").fill("not-my-password");
  await dialog.getByRole("button", { name: "验证并显示" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("密码不正确");
  await dialog.getByLabel("登录密码").fill(seed().customer.password);
  await dialog.getByRole("button", { name: "验证并显示" }).click();
  await expect(page.getByTestId("code-sample")).toContainText(`app_secret = "${secret}"`);
});
