import { describe, expect, it } from "vitest";
import { createAppSchema } from "./schemas";

const name = (s: string) => createAppSchema.safeParse({ name: s, description: "" });

describe("应用名称 rule (4–15 characters, trimmed)", () => {
  it.each([
    ["abc", false],
    ["abcd", true],
    ["a".repeat(15), true],
    ["a".repeat(16), false],
    ["通用识别场景应用一二三四五六七", true], // 15 Chinese characters
    ["通用识别场景应用一二三四五六七八", false], // 16
    ["通用OCR场景应用", true],
  ])("%s → %s", (input, accepted) => {
    expect(name(input).success).toBe(accepted);
  });

  it("trims spaces before counting and stores the trimmed name", () => {
    const r = name("   abcd   ");
    expect(r.success && r.data.name).toBe("abcd");
    expect(name("  abc  ").success).toBe(false);
  });

  it("explains the rule in Chinese", () => {
    const r = name("abc");
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]!.message).toBe("应用名称长度为 4-15 个字符");
  });

  it("accepts an optional 应用概述 up to 200 characters", () => {
    expect(createAppSchema.safeParse({ name: "abcd" }).success).toBe(true);
    expect(createAppSchema.safeParse({ name: "abcd", description: "字".repeat(200) }).success).toBe(true);
    expect(createAppSchema.safeParse({ name: "abcd", description: "字".repeat(201) }).success).toBe(false);
  });
});
