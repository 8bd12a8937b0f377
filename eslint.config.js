// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "data/", "db/migrations/", "coverage/", "sandbox/public/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": "off",
    },
  },
  {
    // The domain stays framework-free so every interface gets the same rules.
    files: ["core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["grammy", "@grammyjs/*", "telegraf", "**/bot/**", "hono", "@hono/*"], message: "core/ must not depend on the bot layer" }] },
      ],
    },
  },
  {
    // The operators' console shares the core and the words, never the chat adapter.
    files: ["cli/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/bot/**", "grammy", "@grammyjs/*"], message: "cli/ must not depend on the bot layer; share through core/ or locales/" }] }],
    },
  },
  {
    // Production never loads the sandbox: bot/main.ts brings it in by a dynamic import, in sandbox mode only.
    files: ["bot/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/sandbox/**"], message: "bot/ must not depend on the sandbox" }] }],
    },
  },
);
