import { expect } from "@playwright/test";
import { signIn } from "./accounts";
import { expectNoAccessibilityViolations, expectNoAccessibilityViolationsWithoutScripts, test } from "./fixtures";

test.describe("upcoming workshops, JavaScript on", () => {
  test("lists the demo sessions in French and filters by theme at once, without wasm", async ({ page }) => {
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script" || /\.(js|wasm)$/.test(new URL(request.url()).pathname)) {
        scripts.push(request.url());
      }
    });
    await page.goto("/ateliers");
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    const cards = page.locator('[data-test="session-card"]');
    await expect(cards.first()).toBeVisible();
    const total = await cards.count();
    expect(total).toBeGreaterThan(10);
    await expect(page.locator('[data-test="session-when"]').first()).toContainText(/\d+ h \d\d – \d+ h \d\d/);
    await expectNoAccessibilityViolations(page);

    // The first page a youth meets loads no script file and no wasm: a few inline lines make
    // the plain form filter at once, without a page load.
    await expect(page.locator('[data-test="theme-filter"]')).toHaveAttribute("data-enhanced", "true");
    expect(scripts).toEqual([]);
    const urlBefore = page.url();
    await page.locator('[data-test="theme-select"]').selectOption("media_literacy");
    const visible = page.locator('[data-test="session-card"]:visible');
    await expect(visible.first()).toContainText("Éducation aux médias");
    const shown = await visible.count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(total);
    for (const theme of await visible.locator('[data-test="session-theme"]').allTextContents()) {
      expect(theme).toBe("Éducation aux médias");
    }
    await expect(page.locator('[data-test="sessions-count"]')).toHaveText(`${shown} ateliers`);
    expect(page.url()).toBe(urlBefore);
    await expectNoAccessibilityViolations(page);
  });

  test("pages with islands get their wasm compressed, cached for a year", async ({ page }) => {
    await signIn(page, "counsellor");
    const wasm = page.waitForResponse((response) => response.url().endsWith(".wasm"));
    await page.goto("/seances/nouvelle");
    await expect(page.locator('[data-test="session-check"][data-hydrated="true"]')).toBeVisible();
    // Its name carries a hash: a browser may keep it.
    const headers = (await wasm).headers();
    expect(headers["content-encoding"]).toBe("br");
    expect(headers["cache-control"]).toContain("immutable");
  });

  test("unknown addresses say so in French", async ({ page }) => {
    const response = await page.goto("/nulle-part");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page introuvable");
    await expectNoAccessibilityViolations(page);
  });
});

test.describe("upcoming workshops, JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("lists the sessions and filters with a plain form", async ({ page, browser }) => {
    await page.goto("/ateliers");
    const cards = page.locator('[data-test="session-card"]');
    await expect(cards.first()).toBeVisible();
    const total = await cards.count();
    expect(total).toBeGreaterThan(10);
    await expectNoAccessibilityViolationsWithoutScripts(browser, page.url());

    await page.locator('[data-test="theme-select"]').selectOption("cv");
    await page.getByRole("button", { name: "Filtrer" }).click();
    await expect(page).toHaveURL(/\/ateliers\?theme=cv$/);
    const visible = page.locator('[data-test="session-card"]:visible');
    await expect(visible.first()).toContainText("CV");
    for (const theme of await visible.locator('[data-test="session-theme"]').allTextContents()) {
      expect(theme).toBe("CV");
    }
    expect(await visible.count()).toBeLessThan(total);
    await expectNoAccessibilityViolationsWithoutScripts(browser, page.url());
  });
});

test("the page fits a 320 px screen without horizontal scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto("/ateliers");
  await expect(page.locator('[data-test="session-card"]').first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoAccessibilityViolations(page);
});
