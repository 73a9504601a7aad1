import { describe, expect, it } from "vitest";
import { checkDigit, idnFacts, isValidIdn, makeIdn, resolveIdn, type CharChoices } from "./checksum";

const sure = (s: string): CharChoices[] => [...s].map((char) => [{ char, p: 0.99 }]);

describe("GB 11643 check digit", () => {
  it("accepts known valid numbers and rejects altered ones", () => {
    expect(isValidIdn("370782198709170246")).toBe(true);
    expect(isValidIdn("350802198808285516")).toBe(true);
    expect(isValidIdn("11010519491231002X")).toBe(true);
    expect(isValidIdn("430512198908131367")).toBe(false); // specimen, invalid on purpose
    expect(checkDigit("11010519491231002")).toBe("X");
  });
  it("reads birth date and sex from the number", () => {
    expect(idnFacts("370782198709170246")).toEqual({ birth: "19870917", sex: "女" });
    expect(idnFacts("350802198808285516")).toEqual({ birth: "19880828", sex: "男" });
  });
  it("makes valid numbers with the requested sex", () => {
    const n = makeIdn("110105", "19900101", 37, "男");
    expect(isValidIdn(n)).toBe(true);
    expect(idnFacts(n)?.sex).toBe("男");
  });
});

describe("resolveIdn", () => {
  it("lets the check digit choose between unsure readings", () => {
    const chars = sure("370782198709170246");
    chars[10] = [
      { char: "8", p: 0.5 },
      { char: "0", p: 0.45 },
    ];
    const r = resolveIdn(chars);
    expect(r).toEqual({ idn: "370782198709170246", valid: true, corrected: true });
  });
  it("never rewrites confidently read characters of a failing specimen number", () => {
    const r = resolveIdn(sure("430512198908131367"));
    expect(r).toEqual({ idn: "430512198908131367", valid: false, corrected: false });
  });
});
