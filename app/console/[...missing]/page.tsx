import type { Metadata } from "next";
import { notFound } from "next/navigation";

export const metadata: Metadata = { title: "页面不存在" };

/** Any /console address no page answers: the console's own 页面不存在 (app/console/not-found.tsx). */
export default function MissingConsolePage() {
  notFound();
}
