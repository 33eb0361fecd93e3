import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

/**
 * Every spec imports `test` from here: it fails a test when a page breaks the server's
 * Content-Security-Policy (a script, style or wasm the browser blocked), in the test's own
 * context and in every context the test opens (a youth's phone, a browser without JavaScript).
 */
export const test = base.extend<{ contentSecurityPolicy: void }>({
  contentSecurityPolicy: [
    async ({ browser, context }, use) => {
      const violations: string[] = [];
      const watch = async (watched: BrowserContext) => {
        // Injected by the browser itself, not subject to the page's policy.
        await watched.addInitScript(() =>
          document.addEventListener("securitypolicyviolation", (event) =>
            console.error(
              `Content Security Policy violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`,
            ),
          ),
        );
        watched.on("console", (message) => {
          if (message.text().includes("Content Security Policy")) {
            violations.push(`${message.location().url}: ${message.text()}`);
          }
        });
      };
      await watch(context);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...options) => {
        const opened = await newContext(...options);
        await watch(opened);
        return opened;
      };
      try {
        await use();
      } finally {
        browser.newContext = newContext;
      }
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

/** Fails the test when axe finds any WCAG 2.1 A/AA violation on the page as it is now. */
export async function expectNoAccessibilityViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const summary = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
        .map((node) => node.target.join(" "))
        .join(", ")}`,
  );
  expect(summary, "axe accessibility violations").toEqual([]);
}

/**
 * axe runs inside the page, which a JavaScript-off page cannot do. This checks the page a
 * JavaScript-off browser gets: the same URL with the app's scripts and wasm blocked.
 */
export async function expectNoAccessibilityViolationsWithoutScripts(browser: Browser, url: string) {
  const context = await browser.newContext({ javaScriptEnabled: true });
  try {
    const page = await context.newPage();
    await page.route("**/pkg/**/*.{js,wasm}", (route) => route.abort());
    await page.goto(url);
    await expectNoAccessibilityViolations(page);
  } finally {
    await context.close();
  }
}
