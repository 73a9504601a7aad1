/**
 * Text along a circle (a seal's rim) is unrolled and read, not dropped
 * (issue 14: g_tr_stamp's "实用科技有限公司" was the one line raw read and we lost).
 * Seals rendered here (lib/render/seal.ts, Noto CJK); no file outside the repository is read.
 * Seals 2 and 4 belong to the seals' tuning half (even indices), never to the measured one.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { fitArc } from "./arc";
import { loadModels, type Models } from "./models";
import { decodeImage } from "./decode";
import { ocrPage } from "./page";
import { renderSeal } from "../render/seal";

/** Pixel centres filling the annulus sector r ∈ [rIn, rOut], θ ∈ [from, to] (degrees) around (cx, cy). */
function sector(cx: number, cy: number, rIn: number, rOut: number, from: number, to: number): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = Math.floor(cy - rOut); y <= cy + rOut; y++) {
    for (let x = Math.floor(cx - rOut); x <= cx + rOut; x++) {
      const r = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
      let a = (Math.atan2(y + 0.5 - cy, x + 0.5 - cx) * 180) / Math.PI;
      while (a < from) a += 360;
      if (r >= rIn && r <= rOut && a <= to) {
        xs.push(x + 0.5);
        ys.push(y + 0.5);
      }
    }
  }
  return { xs, ys };
}

describe("fitArc", () => {
  it("finds the circle and reads an arc over its centre clockwise, one under it anticlockwise", () => {
    const top = sector(200, 220, 60, 80, 200, 340);
    const a = fitArc(top.xs, top.ys, top.xs.length)!;
    expect(a).not.toBeNull();
    expect(a.cx).toBeCloseTo(200, -1);
    expect(a.cy).toBeCloseTo(220, -1);
    expect(a.sweep).toBeGreaterThan(0);
    expect((a.sweep * 180) / Math.PI).toBeCloseTo(140, -1);
    const bottom = sector(200, 220, 60, 80, 30, 150);
    const b = fitArc(bottom.xs, bottom.ys, bottom.xs.length)!;
    expect(b.sweep).toBeLessThan(0);
  });

  it("takes a straight band, a disk or a barely bent band for no arc", () => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let y = 0; y < 20; y++) {
      for (let x = 0; x < 300; x++) {
        xs.push(x + 0.5);
        ys.push(y + 0.5);
      }
    }
    expect(fitArc(xs, ys, xs.length)).toBeNull();
    const disk = sector(100, 100, 0, 50, -180, 180);
    expect(fitArc(disk.xs, disk.ys, disk.xs.length)).toBeNull();
    const flat = sector(400, 1000, 990, 1000, 260, 280);
    expect(fitArc(flat.xs, flat.ys, flat.xs.length)).toBeNull();
  });
});

describe("seals", () => {
  let models: Models;
  beforeAll(async () => {
    models = await loadModels();
  });

  it("reads the company's name along the rim and the seal's kind across it", async () => {
    // seal 2 of seed 14: 青岛瑞丰文化传媒有限责任公司 over 253°, 人事专用章
    const seal = await renderSeal(2, 14);
    const img = await decodeImage(seal.image);
    const texts = (await ocrPage(models, img)).map((l) => l.text);
    expect(texts).toContain(seal.lines[0]);
    expect(texts).toContain(seal.lines[1]);
    // without unrolling, the rim is lost (the straight crop of a bent band)
    const straight = (await ocrPage(models, img, { detect: { arcs: false } })).map((l) => l.text);
    expect(straight).not.toContain(seal.lines[0]);
  });

  it("reads the rim of a seal stamped over a contract's last lines from the red ink", async () => {
    // seal 4 of seed 14: 西安新华科技有限公司 over 236°, its top third over black text
    const seal = await renderSeal(4, 14);
    const img = await decodeImage(seal.image);
    expect((await ocrPage(models, img)).map((l) => l.text)).toContain(seal.lines[0]);
    // on the page alone the rim tangles with the text under it
    expect((await ocrPage(models, img, { seals: false })).map((l) => l.text)).not.toContain(seal.lines[0]);
  });
});
