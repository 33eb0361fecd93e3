import { expect, type Page } from "@playwright/test";
import { ACCOUNTS, signIn } from "./accounts";
import { expectNoAccessibilityViolations, test } from "./fixtures";
import { linkMailedTo, SMTP_SERVER } from "./mail-sink";

// These journeys run on the server that sends real SMTP to a sink; links are read from the sink.
test.use({ baseURL: SMTP_SERVER });

/** The counsellor signs in, on accessible pages, and is named on the home page. */
async function signInAsCounsellor(page: Page) {
  await page.goto("/connexion");
  await expectNoAccessibilityViolations(page);
  await signIn(page, "counsellor");
  await expect(page).toHaveURL(/\/accueil$/);
  await expect(page.locator('[data-test="signed-in-as"]')).toContainText(ACCOUNTS.counsellor.name);
  await expectNoAccessibilityViolations(page);
}

/** Reads the mail the SMTP sink received for `to`, opens its link and taps "Me connecter". */
async function followEmailedLink(page: Page, to: string) {
  await page.goto(await linkMailedTo(to));
  await expect(page.locator('[data-test="redeem-submit"]')).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await page.locator('[data-test="redeem-submit"]').click();
  await expect(page).toHaveURL(/\/accueil$/);
}

function uniqueEmail(name: string) {
  return `${name}.${test.info().project.name}.${Date.now()}@exemple.fr`;
}

test("a counsellor creates a youth, who signs in from the welcome mail", async ({ page, context }) => {
  await signInAsCounsellor(page);
  await page.locator('[data-test="new-youth"]').first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inscrire un jeune");
  await expectNoAccessibilityViolations(page);

  // A first try with a 14-year-old: refused in French, nothing created.
  const email = uniqueEmail("ines.kaci");
  const fill = async (dateOfBirth: string) => {
    await page.locator('[data-test="first-name"]').fill("Inès");
    await page.locator('[data-test="last-name"]').fill("Kaci");
    await page.locator('[data-test="date-of-birth"]').fill(dateOfBirth);
    await page.locator('[data-test="gender"]').selectOption("female");
    await page.locator('[data-test="email"]').fill(email);
    await page.locator('[data-test="phone"]').fill("06 12 34 56 78");
    await page.locator('[data-test="entry-date"]').fill("2026-11-02");
  };
  await fill("2012-06-01");
  await page.locator('[data-test="youth-submit"]').click();
  await expect(page.locator('[data-test="form-error"]')).toContainText("16 à 25 ans");
  await expectNoAccessibilityViolations(page);

  await fill("2007-03-14");
  await page.locator('[data-test="youth-submit"]').click();
  await expect(page.locator('[data-test="youth-name"]')).toHaveText("Inès Kaci");
  await expect(page.locator('[data-test="notice"]')).toContainText("lien de connexion");
  await expect(page.locator('[data-test="history"]')).toContainText("Fiche créée");
  await expectNoAccessibilityViolations(page);

  // The youth, on their own phone (no staff cookie), opens the link from the mail.
  await context.clearCookies();
  await followEmailedLink(page, email);
  await expect(page.locator('[data-test="home-title"]')).toHaveText("Bonjour Inès");
  await expect(page.locator('[data-test="home-youth"]')).toContainText("Mes ateliers");
  await expectNoAccessibilityViolations(page);

  // The youth sees no youth files, and can sign out.
  const forbidden = await page.goto("/jeunes");
  expect(forbidden?.status()).toBe(403);
  await page.goto("/accueil");
  await page.locator('[data-test="sign-out"]').click();
  await expect(page.locator('[data-test="signed-out"]')).toBeVisible();
  const after = await page.goto("/accueil");
  expect(after?.status()).toBe(401);
});

test("a counsellor adds a guest facilitator, who signs in by link", async ({ page, context }) => {
  await signInAsCounsellor(page);
  await page.goto("/intervenants/nouveau");
  await expectNoAccessibilityViolations(page);
  const email = uniqueEmail("claire.journaliste");
  await page.locator('[data-test="first-name"]').fill("Claire");
  await page.locator('[data-test="last-name"]').fill("Journaliste");
  await page.locator('[data-test="organisation"]').fill("Le Journal de Saint-Denis");
  await page.locator('[data-test="email"]').fill(email);
  await page.locator('[data-test="facilitator-submit"]').click();
  await expect(page.locator('[data-test="notice"]')).toBeVisible();
  await expect(page.locator('[data-test="facilitator-item"]', { hasText: email })).toBeVisible();
  await expectNoAccessibilityViolations(page);

  await context.clearCookies();
  await followEmailedLink(page, email);
  await expect(page.locator('[data-test="home-title"]')).toHaveText("Bonjour Claire");
  await expect(page.locator('[data-test="home-facilitator"]')).toContainText("Mes séances");
  await expectNoAccessibilityViolations(page);
});

test("a mistyped password is refused in French", async ({ page }) => {
  await page.goto("/connexion");
  await page.locator('[data-test="staff-email"]').fill(uniqueEmail("personne"));
  await page.locator('[data-test="staff-password"]').fill("pas le bon");
  await page.locator('[data-test="password-submit"]').click();
  await expect(page.locator('[data-test="form-error"]')).toHaveText("Adresse e-mail ou mot de passe incorrect.");
  await expectNoAccessibilityViolations(page);
});
