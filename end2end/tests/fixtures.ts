import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page } from "@playwright/test";

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
