/**
 * The platform's agreements, named once: every page, form, link and breadcrumb takes the name
 * and address from here, so 《用户协议》 never appears as 服务协议 on one page and 使用条款 on another.
 * `version` changes when the text changes in substance; sign-up records the version accepted.
 */
export const LEGAL = {
  terms: { name: "用户协议", href: "/legal/terms", version: "2026-11-29" },
  privacy: { name: "隐私政策", href: "/legal/privacy", version: "2026-11-29" },
  beta: { name: "公测产品服务协议", href: "/agreement", version: "V1.0" },
} as const;

export type LegalDoc = keyof typeof LEGAL;

/** The name in Chinese book-title marks, as it is shown in text and links: 《用户协议》. */
export const titled = (doc: LegalDoc) => `《${LEGAL[doc].name}》`;

/** What sign-up stores in users.terms_version: both documents' versions at the time. */
export const SIGNUP_TERMS_VERSION = `terms:${LEGAL.terms.version};privacy:${LEGAL.privacy.version}`;
