import type { Metadata, Viewport } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "印刷文字识别 OCR", template: "%s · 印刷文字识别 OCR" },
  description: "通用型 OCR、身份证识别与车牌识别的云 API：按年资源包计费，签名鉴权，控制台实时监控。",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
