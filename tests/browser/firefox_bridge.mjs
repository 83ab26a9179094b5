// Drives Debian's firefox-esr over WebDriver BiDi (puppeteer-core) for the Python tests
// (tests/browser/engines.py): one JSON command a line on stdin, one JSON reply a line on stdout.
// Playwright for Python drives only its own patched Firefox, which cannot be downloaded here.
//   {"op": "goto", "url": ...} | {"op": "evaluate", "expression": ...} | {"op": "press", "key": ...}
//   {"op": "click", "selector": ...} | {"op": "reload"} | {"op": "url"} | {"op": "errors"}
import { createInterface } from "node:readline";
import puppeteer from "puppeteer-core";

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: process.env.FIREFOX || "/usr/bin/firefox-esr",
  headless: true,
  defaultViewport: { width: 1400, height: 900 }, // desktop-wide: the navigation sidebar shows
});
const page = await browser.newPage();
const errors = [];
page.on("console", (message) => {
  if (message.type() === "error") errors.push(message.text());
});
page.on("pageerror", (error) => errors.push(String(error && error.message ? error.message : error)));

const operations = {
  goto: async ({ url }) => void (await page.goto(url, { waitUntil: "load" })),
  reload: async () => void (await page.reload({ waitUntil: "load" })),
  url: async () => page.url(),
  evaluate: async ({ expression }) => page.evaluate(expression),
  press: async ({ key }) => page.keyboard.press(key),
  click: async ({ selector }) => page.click(selector),
  errors: async () => errors.splice(0),
};

const reply = (message) => new Promise((resolve) => process.stdout.write(JSON.stringify(message) + "\n", resolve));
await reply({ ok: "ready" });
for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line);
  if (command.op === "quit") break;
  try {
    const value = await operations[command.op](command);
    await reply({ ok: value === undefined ? null : value });
  } catch (error) {
    await reply({ error: String(error && error.message ? error.message : error) });
  }
}
await browser.close();
