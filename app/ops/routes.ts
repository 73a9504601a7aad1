/**
 * Every /ops page and operator route handler. The authorization tests walk this list as a
 * customer and as a visitor; tests/ops/routes.test.ts fails when a page.tsx or route.ts under
 * app/ops is missing here, so a new page cannot be forgotten. `[id]` segments are filled by the test.
 */
export const OPS_PAGES = [
  { path: "/ops", label: "概览" },
  { path: "/ops/usage", label: "平台用量" },
  { path: "/ops/accounts", label: "账号" },
  { path: "/ops/apps", label: "应用" },
  { path: "/ops/apps/[id]", label: "应用详情", nav: false },
  { path: "/ops/orders", label: "订单" },
  { path: "/ops/prices", label: "价格与额度" },
  { path: "/ops/promotions", label: "代金券与优惠券" },
  { path: "/ops/transfers", label: "线下汇款" },
  { path: "/ops/audit", label: "操作审计" },
] as const;

export const OPS_ROUTES = [{ path: "/ops/api/stats", method: "GET" }] as const;
