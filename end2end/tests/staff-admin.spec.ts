import { expect, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations, test } from "./fixtures";

// Demo accounts (see shared/src/services/demo/load_demo_data.rs; server/tests/api/demo.rs pins them).
const DEMO_COORDINATOR = "nadia.ferhat0@convergence93.example";
const DEMO_PASSWORD = "ateliers-demo-93";

async function signInAsCoordinator(page: Page) {
  await page.goto("/connexion");
  await page.locator('[data-test="staff-email"]').fill(DEMO_COORDINATOR);
  await page.locator('[data-test="staff-password"]').fill(DEMO_PASSWORD);
  await page.locator('[data-test="password-submit"]').click();
  await expect(page.locator('[data-test="home-coordinator"]')).toBeVisible();
}

test("a coordinator sees the federation, the staff, the youths and the places", async ({ page }) => {
  await signInAsCoordinator(page);
  await expect(page.locator('[data-test="home-coordinator"] tbody tr')).toHaveCount(10);
  await expectNoAccessibilityViolations(page);

  await page.goto("/equipe");
  await expect(page.locator('[data-test="staff-item"]')).toHaveCount(23);
  await expectNoAccessibilityViolations(page);
  await page.locator('[data-test="staff-item"] a').first().click();
  await expect(page.locator('[data-test="staff-form"]')).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await page.goto("/equipe/nouveau");
  await expectNoAccessibilityViolations(page);

  await page.goto("/jeunes?q=benali");
  await expect(page.locator('[data-test="youth-item"]').first()).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await page.locator('[data-test="youth-item"] a').first().click();
  await expect(page.locator('[data-test="history"], [data-test="youth-form"]').first()).toBeVisible();
  await expectNoAccessibilityViolations(page);

  await page.goto("/intervenants");
  await page.locator('[data-test="facilitator-item"] a').first().click();
  await expect(page.locator('[data-test="facilitator-form"]')).toBeVisible();
  await expectNoAccessibilityViolations(page);
});

test("a room with an impossible capacity is refused in French; a sensible one is added", async ({ page }) => {
  await signInAsCoordinator(page);
  await page.goto("/lieux");
  await expectNoAccessibilityViolations(page);
  const site = page.locator('[data-test="site"]').first();
  const name = `Salle ${test.info().project.name} ${Date.now()}`;
  await site.locator('[data-test="room-form"] input[name="room[name]"]').fill(name);
  // Browsers would stop 0 themselves; the server's rule is what counts, so bypass the field's min.
  await site.locator('[data-test="room-form"] input[name="room[capacity]"]').evaluate((input: HTMLInputElement) => input.removeAttribute("min"));
  await site.locator('[data-test="room-form"] input[name="room[capacity]"]').fill("0");
  await site.locator('[data-test="room-form"] button').click();
  await expect(page.locator('[data-test="form-error"]')).toContainText("entre 1 et 200");
  await expectNoAccessibilityViolations(page);

  const again = page.locator('[data-test="site"]').first();
  await again.locator('[data-test="room-form"] input[name="room[name]"]').fill(name);
  await again.locator('[data-test="room-form"] input[name="room[capacity]"]').fill("14");
  await again.locator('[data-test="room-form"] button').click();
  await expect(page.locator('[data-test="notice"]')).toBeVisible();
  await expect(page.getByText(`${name} — 14 places`)).toBeVisible();
});
