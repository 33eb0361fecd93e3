import { expect, type Page } from "@playwright/test";
import { signIn, youthOnTheirPhone } from "./accounts";
import { expectNoAccessibilityViolations, test } from "./fixtures";
import { SMTP_SERVER } from "./mail-sink";

// Youths sign in from a mailed link: this journey runs on the SMTP server.
test.use({ baseURL: SMTP_SERVER });

// Demo people (server/tests/api/demo.rs pins them). Each project has its own counsellor, Mission
// Locale, room and youths: both run at once on one database.
const CASTS = {
  phone: {
    counsellor: "mehdi.mendy4@ml93.example",
    room: "Salle Simone Veil",
    daysAhead: 9,
    // Three of the counsellor's youths, in the order their list shows them (by last name).
    enrolled: ["Yanis Rodrigues", "Aminata Sylla", "Camille Traoré"],
    // The one who will cancel, signing in on their own phone.
    canceller: "camille.traore46@jeunes.example",
    // A youth who enrols themself on the waiting list, then gets the place.
    waiting: { name: "Ibrahim", email: "ibrahim.dubois109@jeunes.example" },
    // The youth removed by the counsellor, who then enrols again without JavaScript.
    withoutScript: "yanis.rodrigues25@jeunes.example",
  },
  desktop: {
    counsellor: "chloe.rodrigues5@ml93.example",
    room: "Salle Aimé Césaire",
    daysAhead: 10,
    enrolled: ["Rayan Cissé", "Hugo Petit", "Aïcha Traoré"],
    canceller: "aicha.traore26@jeunes.example",
    waiting: { name: "Yasmine", email: "yasmine.belkacem68@jeunes.example" },
    withoutScript: "rayan.cisse5@jeunes.example",
  },
};

function isoDay(daysAhead: number): string {
  const day = new Date(Date.now() + daysAhead * 24 * 3600 * 1000);
  return day.toISOString().slice(0, 10);
}

/** Opens the session page with its place panel. */
async function openSession(page: Page, sessionId: string) {
  await page.goto(`/ateliers/${sessionId}`);
  await expect(page.locator('[data-test="enrolment"]')).toBeVisible();
}

/** Gives up the place from the session page: the link, the confirmation page, its form. */
async function cancelPlace(page: Page, sessionId: string) {
  await page.locator('[data-test="cancel"]').click();
  await expect(page).toHaveURL(new RegExp(`/ateliers/${sessionId}/annuler$`));
  await page.locator('[data-test="confirm-cancel"]').click();
  await expect(page).toHaveURL(new RegExp(`/ateliers/${sessionId}\\?annulee=1$`));
  await expect(page.locator('[data-test="enrolment-message"]')).toContainText("Votre place est annulée");
}

test("a counsellor enrols three youths and removes one; youths take the waiting list, get promoted, cancel — with and without JavaScript", async ({ page, browser }) => {
  const cast = CASTS[test.info().project.name as keyof typeof CASTS];

  // The counsellor plans a small session (2 places) in their Mission Locale's room.
  await signIn(page, "counsellor", cast.counsellor);
  await page.goto("/seances/nouvelle");
  await page.locator('[data-test="workshop"]').selectOption({ index: 1 });
  await page.locator('[data-test="day"]').fill(isoDay(cast.daysAhead));
  await page.locator('[data-test="starts-at"]').fill("17:30");
  await page.locator('[data-test="ends-at"]').fill("18:30");
  const room = await page.locator('[data-test="place"] option', { hasText: cast.room }).getAttribute("value");
  await page.locator('[data-test="place"]').selectOption(room!);
  await page.locator('[data-test="capacity"]').fill("2");
  await page.locator('[data-test="plan-session"]').click();
  await expect(page.locator('[data-test="notice"]')).toBeVisible();
  const sessionId = page.url().match(/\/seances\/(\d+)/)![1];

  // Three of their youths at once, ticked in their list: two seats, then the waiting list.
  const roster = page.locator('[data-test="roster"]');
  for (const name of cast.enrolled) {
    await roster.locator(`[data-test="candidate"][data-name="${name}"] input`).check();
  }
  await roster.locator('[data-test="enrol-youths"]').click();
  await expect(page.locator('[data-test="roster-notice"]')).toBeVisible();
  await expect(roster.locator('[data-test="registered"] [data-test="roster-line"]')).toHaveCount(2);
  await expect(roster.locator('[data-test="waiting"] [data-test="roster-line"]')).toHaveCount(1);
  await expect(roster.locator('[data-test="waiting"]')).toContainText(`n° 1 — ${cast.enrolled[2]}`);
  await expectNoAccessibilityViolations(page);

  // Removing one, with a reason: the first in line takes the seat by itself.
  const removed = roster.locator(`[data-test="registered"] [data-test="roster-line"][data-name="${cast.enrolled[0]}"]`);
  await removed.locator('[data-test="remove"]').click();
  await removed.locator('[data-test="remove-reason"]').fill("A trouvé un stage ce jour-là");
  await removed.locator('[data-test="confirm-remove"]').click();
  await expect(page.locator('[data-test="roster-notice"]')).toContainText("Retrait");
  await expect(roster.locator('[data-test="registered"]')).toContainText(cast.enrolled[2]);
  await expect(roster.locator('[data-test="waiting"] [data-test="roster-line"]')).toHaveCount(0);
  await expect(roster.locator('[data-test="enrolment-history"]')).toContainText("retrait par un conseiller");
  await expectNoAccessibilityViolations(page);

  // A youth browses, finds the full session and joins the waiting list: the page, with no
  // script at all, comes back saying where they are.
  const waiting = await youthOnTheirPhone(browser, cast.waiting.email);
  await waiting.goto("/ateliers");
  const card = waiting.locator(`[data-test="session-card"]:has(a[href="/ateliers/${sessionId}"])`);
  await expect(card.locator('[data-test="session-seats"]')).toHaveText("Complet — liste d'attente");
  await expectNoAccessibilityViolations(waiting);
  await card.locator(`a[href="/ateliers/${sessionId}"]`).click();
  await expect(waiting.locator('[data-test="enrolment"]')).toBeVisible();
  await expect(waiting.locator('[data-test="place"]')).toContainText("Voir sur la carte");
  await waiting.locator('[data-test="enrol"]').click();
  await expect(waiting).toHaveURL(new RegExp(`/ateliers/${sessionId}\\?inscrit=1$`));
  await expect(waiting.locator('[data-test="enrolment-message"]')).toHaveText("Vous êtes n° 1 sur la liste d'attente.");
  await expect(waiting.locator('[data-test="standing"]')).toHaveAttribute("data-standing", "waiting");
  await expectNoAccessibilityViolations(waiting);
  await waiting.goto("/mes-inscriptions");
  const mine = waiting.locator(`[data-test="my-enrolment"]:has(a[href="/ateliers/${sessionId}"])`);
  await expect(mine).toHaveAttribute("data-standing", "waiting");
  await expect(mine).toContainText("Vous êtes n° 1 sur la liste d'attente");
  await expectNoAccessibilityViolations(waiting);

  // A registered youth cancels, after confirming: the waiting youth gets the place.
  const canceller = await youthOnTheirPhone(browser, cast.canceller);
  await openSession(canceller, sessionId);
  await expect(canceller.locator('[data-test="standing"]')).toHaveAttribute("data-standing", "registered");
  await canceller.locator('[data-test="cancel"]').click();
  await expect(canceller.locator('[data-test="cancel-form"]')).toBeVisible();
  await expectNoAccessibilityViolations(canceller);
  await canceller.locator('[data-test="keep-place"]').click();
  await expect(canceller.locator('[data-test="standing"]')).toHaveAttribute("data-standing", "registered");
  await cancelPlace(canceller, sessionId);
  await canceller.context().close();

  await openSession(waiting, sessionId);
  await expect(waiting.locator('[data-test="standing"]')).toHaveText("Vous êtes inscrit·e à cette séance.");
  // And cancels in turn.
  await cancelPlace(waiting, sessionId);
  await expect(waiting.locator('[data-test="enrol"]')).toBeVisible();
  await waiting.context().close();

  // Without JavaScript: the same forms post to the server; cancelling goes through a page
  // that asks for confirmation.
  const plain = await youthOnTheirPhone(browser, cast.withoutScript, false);
  await openSession(plain, sessionId);
  await plain.locator('[data-test="enrol"]').click();
  await expect(plain.locator('[data-test="standing"]')).toHaveText("Vous êtes inscrit·e à cette séance.");
  await cancelPlace(plain, sessionId);
  await plain.context().close();

  // The counsellor sees the whole story.
  await page.reload();
  await expect(roster.locator('[data-test="registered"] [data-test="roster-line"]')).toHaveCount(1);
  await expect(roster.locator('[data-test="enrolment-history"]')).toContainText("place obtenue depuis la liste d'attente");
});
