"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";

const FIELDS = "input:not([type=hidden]):not([disabled]), textarea:not([disabled]), select:not([disabled])";
const FOCUSABLE = `a[href], button:not([disabled]), ${FIELDS}, [tabindex]:not([tabindex="-1"])`;

/**
 * A modal dialog on the native <dialog> element: role=dialog, labelled by its title, the page
 * behind inert (showModal), the first field focused on opening, Tab going round inside, Esc
 * closes and focus returns to the button that opened it. Render it with `open`, close through `onClose`.
 */
export function Dialog({
  open,
  onClose,
  title,
  children,
  width = "max-w-lg",
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  children: ReactNode;
  width?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      // the first field, not the × in the header: React's autoFocus fired while the dialog was still closed
      const field = d.querySelector<HTMLElement>(`[autofocus], ${FIELDS}`);
      field?.focus();
    }
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-modal="true"
      onKeyDown={(e) => {
        // Tab and Shift+Tab go round inside the dialog (a modal <dialog> alone lets focus leave for the browser's toolbar)
        if (e.key !== "Tab" || !ref.current) return;
        const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
        if (items.length === 0) return;
        const first = items[0]!;
        const last = items[items.length - 1]!;
        if (e.shiftKey && (document.activeElement === first || !ref.current.contains(document.activeElement))) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && document.activeElement === last) {
          e.preventDefault();
          first.focus();
        }
      }}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className={`m-auto w-[calc(100%-2rem)] ${width} rounded-lg border border-slate-200 bg-white p-0 text-slate-800 shadow-xl backdrop:bg-slate-900/40`}
    >
      {open && (
        <>
          <header className="flex items-center justify-between border-b border-slate-100 px-5 py-3">
            <h2 id={titleId} className="text-base font-semibold text-slate-900">
              {title}
            </h2>
            <button
              type="button"
              onClick={onClose}
              aria-label="关闭"
              className="grid h-8 w-8 place-items-center rounded text-xl leading-none text-slate-400 hover:bg-slate-100 hover:text-slate-700"
            >
              ×
            </button>
          </header>
          <div className="px-5 py-4">{children}</div>
        </>
      )}
    </dialog>
  );
}

/** The button row at the bottom of a dialog. */
export function DialogFooter({ children }: { children: ReactNode }) {
  return <div className="mt-5 flex flex-wrap justify-end gap-2">{children}</div>;
}
