"use client";

import { useState } from "react";
import { Button } from "./ui";

/** Copies `text` to the clipboard; says 已复制 for a moment. */
export function CopyButton({ text, label = "复制" }: { text: string; label?: string }) {
  const [done, setDone] = useState<"idle" | "ok" | "fail">("idle");
  return (
    <Button
      type="button"
      variant="secondary"
      className="h-7 px-2.5 text-xs"
      aria-label={label}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setDone("ok");
        } catch {
          setDone("fail");
        }
        setTimeout(() => setDone("idle"), 2000);
      }}
    >
      <span aria-live="polite">{done === "ok" ? "已复制" : done === "fail" ? "请手动复制" : label}</span>
    </Button>
  );
}
