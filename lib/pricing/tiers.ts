import type { ApiKind } from "@/lib/engine/types";

/** The five yearly tiers of every API, in calls. */
export const TIERS = [1000, 10000, 100000, 1000000, 10000000] as const;
export type Tier = (typeof TIERS)[number];

export const API_LABELS: Record<ApiKind, string> = {
  general: "通用型OCR",
  idcard: "身份证识别",
  plate: "车牌识别",
};

/** Default list prices in fen, used until an operator changes them. */
export const DEFAULT_PRICES_FEN: Record<ApiKind, Record<Tier, number>> = {
  general: { 1000: 1000, 10000: 8000, 100000: 60000, 1000000: 450000, 10000000: 3000000 },
  idcard: { 1000: 2000, 10000: 15000, 100000: 120000, 1000000: 900000, 10000000: 6000000 },
  plate: { 1000: 1500, 10000: 12000, 100000: 100000, 1000000: 800000, 10000000: 5000000 },
};
