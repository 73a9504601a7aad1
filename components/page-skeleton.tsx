import type { ReactNode } from "react";

/** A console page while it loads: announced as busy to assistive technology, its placeholder blocks stacked. */
export function PageSkeleton({ children }: { children: ReactNode }) {
  return (
    <div aria-busy="true" aria-label="加载中" className="space-y-4">
      {children}
    </div>
  );
}
