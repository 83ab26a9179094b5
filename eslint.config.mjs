// ESLint (flat config) for the site's own JavaScript and its tests; `scripts/test` runs it.
import js from "@eslint/js";

const browser = Object.fromEntries(
  [
    "window", "document", "location", "history", "navigator", "console", "setTimeout", "clearTimeout", "setInterval",
    "clearInterval", "requestAnimationFrame", "performance", "fetch", "Request", "Response", "URL", "Worker",
    "CustomEvent", "Event", "CSS", "getComputedStyle", "ResizeObserver", "Intl", "WebAssembly", "crypto",
    "XMLHttpRequest", "postMessage", "onmessage", "localStorage", "requestIdleCallback", "MutationObserver", "globalThis",
    "matchMedia", "MessageChannel", "HTMLElement", "Element", "Node", "self", "addEventListener", "removeEventListener",
    "caches", "TextEncoder", "Blob",
  ].map((name) => [name, "readonly"]),
);
const node = {
  process: "readonly", console: "readonly", URL: "readonly", setTimeout: "readonly", Buffer: "readonly",
  TextEncoder: "readonly", TextDecoder: "readonly",
};
// The service worker's own scope (site_build/finish/service_worker.js, a classic script served as sw.js).
const serviceWorker = Object.fromEntries(
  [
    "self", "caches", "clients", "fetch", "Request", "Response", "Headers", "URL", "console", "setTimeout", "clearTimeout",
    "crypto", "TextEncoder", "TextDecoder", "AbortController", "ServiceWorkerGlobalScope", "Promise",
  ].map((name) => [name, "readonly"]),
);

export default [
  // Material's own inline scripts, moved to files verbatim for the CSP (palette.js is the site's own).
  {
    ignores: [
      "node_modules/", "site/", ".venv/", ".cache/", "dist/", "test-results/",
      "docs/assets/theme/scope.js", "docs/assets/theme/tab-target.js", "docs/assets/theme/tabs-link.js",
    ],
  },
  js.configs.recommended,
  {
    files: ["docs/assets/**/*.js", "docs/assets/**/*.mjs", "overrides/**/*.js"],
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: browser },
    rules: { "no-unused-vars": ["error", { args: "none" }] },
  },
  {
    // Classic scripts (not modules): Material's moved inline scripts and the palette.
    files: ["docs/assets/theme/*.js", "docs/assets/checkers/start-python.js"],
    languageOptions: { sourceType: "script", globals: { ...browser, __md_get: "readonly", __md_set: "readonly" } },
  },
  {
    files: ["site_build/finish/service_worker.js"],
    languageOptions: { ecmaVersion: 2023, sourceType: "script", globals: serviceWorker },
    rules: { "no-unused-vars": ["error", { args: "none" }] },
  },
  {
    files: ["tests/**/*.mjs", "site_build/**/*.mjs", "benchmarks/**/*.mjs", "eslint.config.mjs"],
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: { ...browser, ...node } },
  },
];
