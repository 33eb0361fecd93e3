import { expect, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations, test } from "./fixtures";

// On the server that writes its mail to a folder, as `make run` does: the youth's sign-in link
// and invitation are read at /courriels. One youth per project (both run at once on one
// database); not the youths of local-mail.spec.ts.
const YOUTHS = {
  phone: "ibrahim.dubois109@jeunes.example",
  desktop: "yasmine.belkacem68@jeunes.example",
};

/** Opens the newest local mail to `email` whose subject contains `subject`. */
async function openLocalMail(page: Page, email: string, subject: string) {
  await expect(async () => {
    await page.goto("/courriels");
    await expect(
      page.locator('[data-test="mail-item"]', { hasText: email }).filter({ hasText: subject }).first(),
    ).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await page
    .locator('[data-test="mail-item"]', { hasText: email })
    .filter({ hasText: subject })
    .first()
    .getByRole("link")
    .click();
}

test("a youth registers; the invitation is in the local mail and the session in their calendar feed", async ({ page }) => {
  const email = YOUTHS[test.info().project.name as keyof typeof YOUTHS];

  // Sign in from the mailed link.
  await page.goto("/connexion");
  await page.locator('[data-test="link-email"]').fill(email);
  await page.locator('[data-test="link-submit"]').click();
  await expect(page.locator('[data-test="link-sent"]')).toBeVisible();
  await openLocalMail(page, email, "lien de connexion");
  await page.goto((await page.locator('[data-test="mail-link"]').getAttribute("href"))!);
  await page.locator('[data-test="redeem-submit"]').click();
  await expect(page.locator('[data-test="home-youth"]')).toBeVisible();

  // A session with seats left, not taken yet.
  await page.goto("/ateliers");
  const card = page
    .locator('[data-test="session-card"]')
    .filter({ hasNot: page.locator('[data-test="session-standing"]') })
    .filter({ has: page.locator('[data-test="session-seats"]', { hasNotText: "Complet" }) })
    .first();
  const title = (await card.locator('[data-test="session-title"]').innerText()).trim();
  await card.locator('[data-test="session-title"] a').click();
  await expect(page.locator('[data-test="enrolment"]')).toBeVisible();
  await page.locator('[data-test="enrol"]').click();
  await expect(page.locator('[data-test="enrolment-message"]')).toContainText("inscrit");
  const sessionPath = new URL(page.url()).pathname;

  // The invitation: the calendar part is there, as a REQUEST in Paris time.
  await openLocalMail(page, email, "Inscription confirmée");
  await expect(page.locator('[data-test="mail-subject"]')).toContainText(title);
  await expect(page.locator('[data-test="mail-parts"]')).toContainText("text/calendar (REQUEST)");
  await expect(page.locator('[data-test="mail-body"]')).toContainText("Votre inscription à l'atelier");
  const calendar = await page.locator('[data-test="mail-calendar"]').textContent();
  expect(calendar).toContain("METHOD:REQUEST");
  expect(calendar).toContain("BEGIN:VTIMEZONE");
  expect(calendar).toMatch(/DTSTART;TZID=Europe\/Paris:\d{8}T\d{6}/);
  const uid = calendar!.match(/UID:(\S+)/)![1];
  await expectNoAccessibilityViolations(page);

  // The private feed lists the session, with the invitation's UID.
  await page.goto("/mon-agenda");
  await expect(page.locator('[data-test="add-to-calendar"]')).toHaveAttribute("href", /^webcal:\/\//);
  const feedUrl = await page.locator('[data-test="feed-url"]').inputValue();
  await expectNoAccessibilityViolations(page);
  const feed = await page.request.get(feedUrl);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const text = await feed.text();
  expect(text).toContain(`UID:${uid}`);
  expect(text).not.toContain("ATTENDEE");
  expect(text).toContain(`URL:${new URL(page.url()).origin}${sessionPath}`);
});
