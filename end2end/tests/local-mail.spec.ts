import { expect, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations, test } from "./fixtures";

// `make run` writes mail to a folder and lists it at /courriels (the browser tests' server too).
// The demo's first youth (see shared/src/services/demo/load_demo_data.rs; server/tests/api/demo.rs pins it).
const DEMO_YOUTH = "ines.benali0@jeunes.example";
const SUBJECT = "Votre lien de connexion à Ateliers";

// The youth's sign-in link, not the invitations (nor the referents' follow-up digests) the demo
// sends at start.
function signInMail(page: Page) {
  return page.locator('[data-test="mail-item"]', { hasText: DEMO_YOUTH }).filter({ hasText: SUBJECT });
}

test("a requested sign-in link lands in the local mail folder, clickable", async ({ page }) => {
  await page.goto("/connexion");
  await page.locator('[data-test="link-email"]').fill(DEMO_YOUTH);
  await page.locator('[data-test="link-submit"]').click();
  await expect(page.locator('[data-test="link-sent"]')).toBeVisible();

  await expect(async () => {
    await page.goto("/courriels");
    await expect(signInMail(page).first()).toBeVisible({
      timeout: 500,
    });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Courriels envoyés");
  await expectNoAccessibilityViolations(page);

  await signInMail(page).first().getByRole("link").click();
  await expect(page.locator('[data-test="mail-subject"]')).toHaveText(SUBJECT);
  await expect(page.locator('[data-test="mail-link"]')).toHaveAttribute("href", /\/connexion\/[A-Za-z0-9_-]{20,}$/);
  await expectNoAccessibilityViolations(page);
});
