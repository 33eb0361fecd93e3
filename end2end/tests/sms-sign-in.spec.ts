import { expect, type Browser, type Page } from "@playwright/test";
import { signIn } from "./accounts";
import { expectNoAccessibilityViolations, test } from "./fixtures";
import { SMTP_SERVER } from "./mail-sink";
import { linkIn, smsTo } from "./sms-sink";

// This server sends its SMS over SMPP to `ateliers smsc-sink`: codes are read from its folder.
test.use({ baseURL: SMTP_SERVER });

// Each project plans in its own counsellor's room on its own day: both run at once.
const CASTS = {
  phone: { counsellor: "mehdi.mendy4@ml93.example", room: "Salle Simone Veil", daysAhead: 12 },
  desktop: { counsellor: "chloe.rodrigues5@ml93.example", room: "Salle Aimé Césaire", daysAhead: 13 },
};

function isoDay(daysAhead: number): string {
  return new Date(Date.now() + daysAhead * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

/**
 * A mobile number of mainland France no other run has used: "07 7x xx xx xx". Not any "07":
 * 07 08 is Saint-Pierre-et-Miquelon's mobile range (+508), whose SMS go to another number than
 * `e164` spells — one run in a hundred drew it.
 */
function freshMobile(): string {
  const digits = `7${String(Date.now() * 10 + test.info().parallelIndex).slice(-7)}`;
  return `07 ${digits.match(/../g)!.join(" ")}`;
}

/** A youth's own phone, 390 px wide, with or without JavaScript. */
async function phone(browser: Browser, javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({
    baseURL: SMTP_SERVER,
    viewport: { width: 390, height: 844 },
    isMobile: javaScriptEnabled,
    hasTouch: javaScriptEnabled,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    javaScriptEnabled,
  });
  return context.newPage();
}

/**
 * From /connexion with the number typed in: asks for a code, reads it from the SMS, types it.
 * axe runs scripts in the page: it checks these pages on the phone with JavaScript.
 */
async function signInWithCode(page: Page, number: string, javaScriptEnabled: boolean) {
  await expect(page.locator('[data-test="code-phone"]')).toHaveValue(number.replace(/\s/g, ""));
  if (javaScriptEnabled) await expectNoAccessibilityViolations(page);
  await page.locator('[data-test="code-request-submit"]').click();
  await expect(page.locator('[data-test="code-sent"]')).toBeVisible();
  if (javaScriptEnabled) await expectNoAccessibilityViolations(page);
  const sms = await smsTo(number, /code de connexion est \d{6}/);
  expect(sms.text, "no link that signs in by itself").not.toMatch(/https?:/);
  expect([sms.encoding, sms.segments]).toEqual(["GSM 03.38", 1]);
  await page.locator('[data-test="sms-code"]').fill(sms.text.match(/est (\d{6})/)![1]);
  await page.locator('[data-test="code-submit"]').click();
  await expect(page.locator('[data-test="home-youth"]')).toBeVisible();
  if (javaScriptEnabled) await expectNoAccessibilityViolations(page);
}

test("a youth with a phone and no email signs in by SMS code and takes a place, with and without JavaScript", async ({ page, browser }) => {
  const cast = CASTS[test.info().project.name as keyof typeof CASTS];
  const number = freshMobile();

  // The counsellor plans a session, then opens a file for a youth who has only a mobile.
  await signIn(page, "counsellor", cast.counsellor);
  await page.goto("/seances/nouvelle");
  // As planning.spec.ts does: a click on « Planifier » while the form's lazy island is still
  // loading its wasm was once lost (no request sent) when the suite ran in full.
  await expect(page.locator('[data-test="session-check"][data-hydrated="true"]')).toBeVisible();
  await page.locator('[data-test="workshop"]').selectOption({ index: 1 });
  await page.locator('[data-test="day"]').fill(isoDay(cast.daysAhead));
  await page.locator('[data-test="starts-at"]').fill("10:00");
  await page.locator('[data-test="ends-at"]').fill("11:30");
  const room = await page.locator('[data-test="place"] option', { hasText: cast.room }).getAttribute("value");
  await page.locator('[data-test="place"]').selectOption(room!);
  await page.locator('[data-test="capacity"]').fill("8");
  await page.locator('[data-test="plan-session"]').click();
  await expect(page.locator('[data-test="notice"]')).toBeVisible();
  const sessionId = page.url().match(/\/seances\/(\d+)/)![1];

  await page.goto("/jeunes/nouveau");
  await page.locator('[data-test="first-name"]').fill("Moussa");
  await page.locator('[data-test="last-name"]').fill("Diarra");
  await page.locator('[data-test="date-of-birth"]').fill("2006-05-20");
  await page.locator('[data-test="gender"]').selectOption("male");
  await page.locator('[data-test="phone"]').fill(number);
  await page.locator('[data-test="entry-date"]').fill(isoDay(0));
  await page.locator('[data-test="youth-submit"]').click();
  await expect(page.locator('[data-test="youth-name"]')).toHaveText("Moussa Diarra");

  // Without JavaScript, on the phone: the welcome SMS's link opens /connexion, number typed in.
  const welcome = await smsTo(number, /connectez-vous/);
  expect(welcome.from).toBe("ATELIERS93");
  const plain = await phone(browser, false);
  await plain.goto(linkIn(welcome));
  await signInWithCode(plain, number, false);
  await plain.goto(`/ateliers/${sessionId}`);
  await plain.locator('[data-test="enrol"]').click();
  await expect(plain.locator('[data-test="standing"]')).toHaveText("Vous êtes inscrit·e à cette séance.");
  const booked = await smsTo(number, /votre place est réservée/);
  expect(booked.segments).toBeLessThanOrEqual(2);
  // The SMS's short link leads back to the session.
  await plain.goto(linkIn(booked));
  await expect(plain).toHaveURL(new RegExp(`/ateliers/${sessionId}$`));
  // They give the place back, through the page that asks for confirmation.
  await plain.locator('[data-test="cancel"]').click();
  await plain.locator('[data-test="confirm-cancel"]').click();
  await expect(plain.locator('[data-test="enrolment-message"]')).toContainText("Votre place est annulée");
  await plain.context().close();

  // With JavaScript, on another phone: a new code, and the place taken again.
  const live = await phone(browser, true);
  await live.goto(`/connexion?tel=${number.replace(/\s/g, "")}`);
  await signInWithCode(live, number, true);
  await live.goto(`/ateliers/${sessionId}`);
  await expect(live.locator('[data-test="enrolment"]')).toBeVisible();
  await live.locator('[data-test="enrol"]').click();
  await expect(live.locator('[data-test="standing"]')).toHaveText("Vous êtes inscrit·e à cette séance.");
  await expectNoAccessibilityViolations(live);
  await live.context().close();

  // The counsellor sees the youth registered.
  await page.goto(`/seances/${sessionId}`);
  await expect(page.locator('[data-test="roster"] [data-test="registered"]')).toContainText("Moussa Diarra");

  // Their Mission Locale's figures count what these SMS cost: welcome, two codes, two places.
  await page.goto("/chiffres");
  await expect(page.locator('[data-test="figures-sms"] [data-test="sms-cost-row"]').first()).toBeVisible();
  expect(Number(await page.locator('[data-test="sms-segments-total"]').innerText())).toBeGreaterThanOrEqual(5);
  await expectNoAccessibilityViolations(page);
});
