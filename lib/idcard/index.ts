/** PRC resident ID cards (manual 4.2): both sides, fields by label and layout, GB 11643 check. */
export { recognizeIdcard, readCard } from "./recognize";
export { parseCard, formatBirthday, formatValidPeriod, extractIdn, type CardLine, type ParsedCard } from "./fields";
export { checkDigit, isValidIdn, idnFacts, resolveIdn, makeIdn } from "./checksum";
export { classifyRisk, measureRisk } from "./risk";
