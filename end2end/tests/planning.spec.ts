import { expect } from "@playwright/test";
import { signIn } from "./accounts";
import { expectNoAccessibilityViolations, test } from "./fixtures";
import { linkMailedTo, SMTP_SERVER } from "./mail-sink";

// The facilitator signs in from a mailed link: this journey runs on the SMTP server.
test.use({ baseURL: SMTP_SERVER });

// A counsellor of Montreuil, whose room this journey books (server/tests/api/demo.rs pins them).
const MONTREUIL_COUNSELLOR = "sofiane.dubois2@ml93.example";
const ROOM = "Antenne principale — Montreuil — Salle Rosa Parks (14 places)";

// Both projects run at once on one database: each plans its own weeks with its own facilitator,
// so that neither double-books the room, the counsellor or the other's guest.
const PLANS = {
  // Crosses the change to summer time (Sunday 28 March 2027): 9:30 stays 9:30.
  phone: {
    facilitator: { name: "Claire Vasseur", email: "claire.vasseur0@medias.example" },
    first: "2027-03-02",
    days: ["mardi 2 mars 2027", "mardi 9 mars 2027", "mardi 16 mars 2027", "mardi 23 mars 2027", "mardi 30 mars 2027", "mardi 6 avril 2027"],
    movedTo: { day: "2027-03-10", label: "mercredi 10 mars 2027" },
  },
  desktop: {
    facilitator: { name: "Julien Morel", email: "julien.morel0@medias.example" },
    first: "2027-09-07",
    days: ["mardi 7 septembre 2027", "mardi 14 septembre 2027", "mardi 21 septembre 2027", "mardi 28 septembre 2027", "mardi 5 octobre 2027", "mardi 12 octobre 2027"],
    movedTo: { day: "2027-09-15", label: "mercredi 15 septembre 2027" },
  },
};

test("a counsellor plans a 6-week series with a guest, moves one session, cancels another; the guest sees exactly those", async ({ page }) => {
  const plan = PLANS[test.info().project.name as keyof typeof PLANS];

  await signIn(page, "counsellor", MONTREUIL_COUNSELLOR);
  await page.locator('[data-test="agenda-link"]').click();
  await expect(page.locator('[data-test="agenda-period"]')).toBeVisible();
  await expectNoAccessibilityViolations(page);

  await page.locator('[data-test="new-session"]').click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Planifier une séance");
  await expect(page.locator('[data-test="session-check"][data-hydrated="true"]')).toBeVisible();
  await expectNoAccessibilityViolations(page);

  await page.locator('[data-test="workshop"]').selectOption({ label: "Décrypter l'info avec un journaliste (Éducation aux médias)" });
  await page.locator('[data-test="day"]').fill(plan.first);
  await page.locator('[data-test="repeat-every"]').selectOption("1");
  await page.locator('[data-test="repeat-slots"]').fill("6");
  await page.locator('[data-test="place"]').selectOption({ label: ROOM });
  await page.locator('[data-test="facilitator-choice"]', { hasText: plan.facilitator.name }).locator("input").check();

  // The browser checks as the form is filled, with the server's rules: an end before the start...
  await page.locator('[data-test="ends-at"]').fill("09:00");
  await expect(page.locator('[data-test="instant-check"]')).toContainText("L'heure de fin doit venir après l'heure de début");
  // ... and a capacity above the room's.
  await page.locator('[data-test="ends-at"]').fill("12:00");
  await page.locator('[data-test="capacity"]').fill("20");
  await expect(page.locator('[data-test="instant-check"]')).toContainText("14 places");
  await page.locator('[data-test="capacity"]').fill("12");
  await expect(page.locator('[data-test="instant-check"]')).toBeEmpty();
  await expect(page.locator('[data-test="series-preview"] li')).toHaveCount(6);
  await expectNoAccessibilityViolations(page);

  await page.locator('[data-test="plan-session"]').click();
  await expect(page.locator('[data-test="notice"]')).toBeVisible();
  await expect(page.locator('[data-test="series"]')).toHaveText("Séance 1 sur 6");
  await expect(page.locator('[data-test="session-when"]')).toContainText(`${plan.days[0]} · 9 h 30 – 12 h 00`);
  await expect(page.locator('[data-test="session-facilitators"]')).toContainText(plan.facilitator.name);
  await expect(page.locator('[data-test="series-session"]')).toHaveCount(6);
  await expectNoAccessibilityViolations(page);

  // Move the second session, alone, to the Wednesday afternoon.
  await page.locator('[data-test="series-session"] a', { hasText: plan.days[1] }).click();
  await expect(page.locator('[data-test="series"]')).toHaveText("Séance 2 sur 6");
  const edit = page.locator('[data-test="edit-session-form"]');
  await edit.locator('[data-test="day"]').fill(plan.movedTo.day);
  await edit.locator('[data-test="starts-at"]').fill("14:00");
  await edit.locator('[data-test="ends-at"]').fill("16:30");
  await edit.locator('[data-test="save-session"]').click();
  await expect(page.locator('[data-test="notice"]')).toHaveText("Modifications enregistrées.");
  await expect(page.locator('[data-test="session-when"]')).toContainText(`${plan.movedTo.label} · 14 h 00 – 16 h 30`);
  await expect(page.locator('[data-test="session-history"]')).toContainText(`Séance déplacée du ${plan.days[1]}`);
  await expectNoAccessibilityViolations(page);

  // Cancel the fourth, with a reason.
  await page.locator('[data-test="series-session"] a', { hasText: plan.days[3] }).click();
  await page.locator('[data-test="cancel-reason"]').fill("La journaliste est en reportage ce jour-là");
  await page.locator('[data-test="cancel-session"]').click();
  await expect(page.locator('[data-test="cancellation"]')).toContainText("La journaliste est en reportage");
  await expect(page.locator('[data-test="session-status"]')).toHaveAttribute("data-status", "cancelled");
  await expectNoAccessibilityViolations(page);

  // Every invitation, update and cancellation went out: nothing waits for a resend.
  await page.locator('[data-test="nav-failed-mail"]').click();
  await expect(page.locator('[data-test="no-failed-mail"]')).toBeVisible();
  await expectNoAccessibilityViolations(page);

  // The guest signs in from a mailed link and sees exactly their six sessions.
  await page.locator('[data-test="sign-out"]').click();
  await page.goto("/connexion");
  await page.locator('[data-test="link-email"]').fill(plan.facilitator.email);
  await page.locator('[data-test="link-submit"]').click();
  await expect(page.locator('[data-test="link-sent"]')).toBeVisible();
  await page.goto(await linkMailedTo(plan.facilitator.email));
  await page.locator('[data-test="redeem-submit"]').click();
  await expect(page.locator('[data-test="home-facilitator"]')).toBeVisible();
  await page.locator('[data-test="my-sessions-link"]').click();
  const sessions = page.locator('[data-test="upcoming-sessions"] [data-test="facilitator-session"]');
  await expect(sessions).toHaveCount(6);
  const expected = [plan.days[0], plan.movedTo.label, plan.days[2], plan.days[3], plan.days[4], plan.days[5]];
  for (const [index, day] of expected.entries()) {
    await expect(sessions.nth(index).locator('[data-test="session-when"]')).toContainText(day);
  }
  await expect(sessions.nth(1).locator('[data-test="session-when"]')).toContainText("14 h 00 – 16 h 30");
  await expect(sessions.nth(3)).toHaveAttribute("data-status", "cancelled");
  await expect(sessions.nth(3)).toContainText("Annulée : La journaliste est en reportage");
  await expect(sessions.nth(0)).toContainText("Sofiane Dubois");
  await expect(sessions.nth(0)).toContainText("10 rue Kléber, 93100 Montreuil");
  await expect(page.getByText(plan.days[1])).toHaveCount(0);
  await expectNoAccessibilityViolations(page);

  // Their calendar feed holds the sessions still on, the moved one at its new time.
  await page.locator('[data-test="link-my-calendar"]').click();
  await expect(page.locator('[data-test="add-to-calendar"]')).toHaveAttribute("href", /^webcal:\/\//);
  await expectNoAccessibilityViolations(page);
  const feed = await page.request.get(await page.locator('[data-test="feed-url"]').inputValue());
  expect(feed.status()).toBe(200);
  const calendar = await feed.text();
  const compact = (day: string) => day.replaceAll("-", "");
  const cancelledDay = new Date(`${plan.first}T12:00:00Z`);
  cancelledDay.setUTCDate(cancelledDay.getUTCDate() + 21);
  expect(calendar).toContain(`DTSTART;TZID=Europe/Paris:${compact(plan.first)}T093000`);
  expect(calendar).toContain(`DTSTART;TZID=Europe/Paris:${compact(plan.movedTo.day)}T140000`);
  expect(calendar).not.toContain(`${compact(cancelledDay.toISOString().slice(0, 10))}T093000`);

  // A guest sees nothing else.
  const agenda = await page.goto("/agenda");
  expect(agenda?.status()).toBe(403);
});

test("the public page of a session shares it without personal data, and works without JavaScript", async ({ browser }) => {
  // A context of its own does not inherit the project's settings: give it the address.
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: SMTP_SERVER });
  const page = await context.newPage();
  await page.goto("/ateliers");
  await page.locator('[data-test="session-title"] a').first().click();
  await expect(page).toHaveURL(/\/ateliers\/\d+$/);
  await expect(page.locator('[data-test="public-session"]')).toBeVisible();
  await expect(page.locator('[data-test="place"]')).toContainText("Voir sur la carte");
  // Nobody's name or address: no email of staff, guests or youths.
  await expect(page.locator("main")).not.toContainText("@");
  await expect(page.locator('[data-test="session-when"]')).toBeVisible();
  await context.close();
});
