import { describe, expect, it } from "vitest";
import { EngineError, type IdcardResult, type OcrEngine } from "@/lib/engine/types";
import { readIdcardPhoto } from "./idcard-photo";

const result = (o: Partial<IdcardResult> & { name?: string; idn?: string }): IdcardResult => ({
  note: o.note ?? "back",
  detail: { name: o.name ?? "", sex: "", nation: "", birthday: "", idn: o.idn ?? "", addr: "", org: "", validperiod: "" },
  idcard_face: "no face",
  demo_image: "demo_image",
  risk: "normal",
});
const engine = (r: IdcardResult | Error): Pick<OcrEngine, "run"> => ({
  run: (async () => {
    if (r instanceof Error) throw r;
    return r;
  }) as OcrEngine["run"],
});
const img = Buffer.from("x");

describe("readIdcardPhoto", () => {
  it("returns the name and number of the portrait side", async () => {
    const r = await readIdcardPhoto(engine(result({ name: "张三", idn: "11010519491231002x" })), img);
    expect(r).toEqual({ ok: true, value: { realName: "张三", idNumber: "11010519491231002X", idNumberOk: true } });
  });
  it("asks for the portrait side when given the emblem side", async () => {
    const r = await readIdcardPhoto(engine(result({ note: "front" })), img);
    expect(r.ok ? "ok" : r.code).toBe("photo_wrong_side");
  });
  it("turns engine refusals into a message", async () => {
    const r = await readIdcardPhoto(engine(new EngineError("no_idcard", "none")), img);
    expect(r.ok ? "ok" : r.code).toBe("photo_no_idcard");
    expect((await readIdcardPhoto(engine(result({})), Buffer.alloc(0))).ok).toBe(false);
  });
});
