import { expect } from "@playwright/test";
import { signIn } from "./accounts";
import { expectNoAccessibilityViolations, test } from "./fixtures";

test("a coordinator sees the federation, the staff, the youths and the places", async ({ page }) => {
  await signIn(page, "coordinator");
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
  await signIn(page, "coordinator");
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
