import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "bench/out/**", "next-env.d.ts", "lib/engine/worker-bundle*.mjs", "dist/**", "**/*.tmp.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // the UI never reaches up into pages: server actions come through lib/console/actions.ts (the contract)
    // and components/console-actions.tsx (given once by app/console/layout.tsx); shared types live in lib/.
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/app", "@/app/*", "**/app/*"], message: "components/ must not import from app/: take server actions from useConsoleActions() or props, types from lib/." },
          ],
        },
      ],
    },
  },
  {
    // nothing under lib/ imports next/* (domain code takes its input and a database handle)
    files: ["lib/**"],
    ignores: ["lib/**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["next", "next/*", "@/app", "@/app/*"], message: "lib/ is plain domain code: no next/* and no app/ imports." }] }],
    },
  },
];
export default config;
