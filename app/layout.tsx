import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "印刷文字识别 OCR", template: "%s · 印刷文字识别 OCR" },
  description: "通用型 OCR、身份证识别与车牌识别的云 API：按年资源包计费，签名鉴权，控制台实时监控。",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/**
 * Every page renders per request (connection()): the Content-Security-Policy runs only scripts
 * carrying the request's nonce (proxy.ts, lib/security/csp.ts), which Next.js puts on its scripts
 * at render time — a page prerendered at build time would carry none and not hydrate.
 */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="zh-CN">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
