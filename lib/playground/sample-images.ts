/** The playground's sample images, rendered by lib/render on first request and kept in memory. */
import type { ApiKindColumn } from "@/db/schema";
import { randomIdentity, randomPlate, renderIdcard, renderPlateScene, renderTextPage } from "@/lib/render";
import { SAMPLE_IMAGES } from "./apis";

const IDENTITY_SEED = 20240517;

const RENDER: Record<string, () => Promise<Buffer>> = {
  "general/text": () =>
    renderTextPage(["在线调试示例：通用型文字识别", "富强、民主、文明、和谐", "自由、平等、公正、法治", "OCR Playground 2026-05-01 No.1024"], { size: 34 }),
  "idcard/portrait": () => renderIdcard({ side: "back", ...randomIdentity(IDENTITY_SEED) }),
  "idcard/emblem": () => renderIdcard({ side: "front", ...randomIdentity(IDENTITY_SEED) }),
  "plate/scene": async () => {
    const p = randomPlate(31, "蓝牌");
    const { png } = await renderPlateScene({
      width: 1280,
      height: 720,
      seed: 31,
      plates: [{ ...p, x: 470, y: 430, width: 320 }],
      distractors: [{ text: "停车场入口", x: 80, y: 110, size: 44, fill: "#ffffff", bg: "#1f5f3a" }],
    });
    return png;
  },
};

const g = globalThis as unknown as { __playgroundSamples?: Map<string, Promise<Buffer>> };

export function sampleIds(api: ApiKindColumn): string[] {
  return SAMPLE_IMAGES[api].map((s) => s.id);
}

/** The PNG of sample `id` of `api`, or null for an unknown one. Rendered once per process. */
export function sampleImage(api: ApiKindColumn, id: string): Promise<Buffer> | null {
  const key = `${api}/${id}`;
  const render = RENDER[key];
  if (!render || !sampleIds(api).includes(id)) return null;
  const cache = (g.__playgroundSamples ??= new Map());
  let p = cache.get(key);
  if (!p) {
    p = render();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}
