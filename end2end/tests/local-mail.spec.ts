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

// Demo youths with a mobile and no email, one per browser project (load_demo_data.rs).
const PHONE_ONLY = { phone: "06 10 03 16 76", desktop: "06 10 10 29 47" };

test("a sign-in code asked for by SMS is listed under the mail, and signs in", async ({ page }) => {
  const number = PHONE_ONLY[test.info().project.name as keyof typeof PHONE_ONLY];
  await page.goto("/connexion");
  await page.locator('[data-test="code-phone"]').fill(number);
  await page.locator('[data-test="code-request-submit"]').click();
  await expect(page.locator('[data-test="code-sent"]')).toBeVisible();
  const codePage = page.url();

  const sms = page.locator('[data-test="sms-item"]', { hasText: number }).first();
  await expect(async () => {
    await page.goto("/courriels");
    await expect(sms).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await expect(sms.locator('[data-test="sms-segments"]')).toHaveText("1 segment");
  await expectNoAccessibilityViolations(page);
  const code = (await sms.locator('[data-test="sms-text"]').innerText()).match(/est (\d{6})/)![1];

  await page.goto(codePage);
  await page.locator('[data-test="sms-code"]').fill(code);
  await page.locator('[data-test="code-submit"]').click();
  await expect(page.locator('[data-test="home-youth"]')).toBeVisible();
});
