import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import { signIn, youthOnTheirPhone } from "./accounts";
import { expectNoAccessibilityViolations, test } from "./fixtures";
import { SMTP_SERVER } from "./mail-sink";

// The youth signs in from a link mailed over SMTP: everything happens on that server.
test.use({ baseURL: SMTP_SERVER });

function isoDay(daysAgo: number): string {
  const day = new Date(Date.now() - daysAgo * 24 * 3600 * 1000);
  return day.toISOString().slice(0, 10);
}

/** A youth of the counsellor's, entered `weeksAgo` weeks ago with an email; their file is open. */
async function newYouth(page: Page, weeksAgo: number): Promise<{ last: string; email: string }> {
  // Names take letters only: a run's own name, spelled from the clock.
  const stamp = String(Date.now()).slice(-8);
  const last = `Contact${[...stamp].map((digit) => "abcdefghij"[Number(digit)]).join("")}`;
  const email = `nour.${last.toLowerCase()}@jeunes.example`;
  await page.goto("/jeunes/nouveau");
  await page.locator('[data-test="first-name"]').fill("Nour");
  await page.locator('[data-test="last-name"]').fill(last);
  await page.locator('[data-test="date-of-birth"]').fill("2006-04-09");
  await page.locator('[data-test="gender"]').selectOption("female");
  await page.locator('[data-test="email"]').fill(email);
  await page.locator('[data-test="entry-date"]').fill(isoDay(weeksAgo * 7));
  await page.locator('[data-test="youth-submit"]').click();
  await expect(page.locator('[data-test="youth-name"]')).toHaveText(`Nour ${last}`);
  return { last, email };
}

test("a counsellor records a phone call: it counts in the path and the figures, and the youth sees it", async ({ page, browser }) => {
  await signIn(page, "counsellor");
  await page.goto("/chiffres");
  const calls = page.locator('[data-test="contact-row"][data-kind="phone"]');
  const callsBefore = Number(await calls.getAttribute("data-contacts"));

  const { email } = await newYouth(page, 6);
  const fileUrl = page.url().replace(/\?.*$/, "");
  // Six weeks without any contact: the referent would be alerted.
  await expect(page.locator('[data-test="weeks-without-contact"]')).toHaveAttribute("data-weeks", "6");
  await expect(page.locator('[data-test="individual-contacts"]')).toHaveText("0");

  // The call of three days ago.
  await page.locator('[data-test="contact-kind-phone"]').check();
  await page.locator('[data-test="contact-day"]').fill(isoDay(3));
  await page.locator('[data-test="contact-minutes"]').fill("20");
  await page.locator('[data-test="contact-subject"]').fill("Point sur la recherche de stage");
  await page.locator('[data-test="contact-submit"]').click();
  await expect(page.locator('[data-test="notice"]')).toContainText("Contact enregistré");
  const contact = page.locator('[data-test="path-contact"]');
  await expect(contact).toHaveAttribute("data-kind", "phone");
  await expect(contact).toContainText("Appel téléphonique : Point sur la recherche de stage");
  await expect(contact).toContainText("20 min");
  await expect(page.locator('[data-test="individual-contacts"]')).toHaveText("1");
  // The gap is over: no alert for a youth seen this week.
  await expect(page.locator('[data-test="weeks-without-contact"]')).toHaveAttribute("data-weeks", "0");
  await expectNoAccessibilityViolations(page);

  // A date ahead is refused in French, and nothing changes.
  await page.locator('[data-test="contact-day"]').evaluate((input: HTMLInputElement) => input.removeAttribute("max"));
  await page.locator('[data-test="contact-day"]').fill(isoDay(-2));
  await page.locator('[data-test="contact-subject"]').fill("Rendez-vous prévu");
  await page.locator('[data-test="contact-submit"]').click();
  await expect(page.getByText("la date ne peut pas être dans le futur")).toBeVisible();
  await page.goto(fileUrl);
  await expect(page.locator('[data-test="path-contact"]')).toHaveCount(1);

  // The figures count it by kind.
  await page.goto("/chiffres");
  // At least ours: the other browser project may record its own meanwhile.
  expect(Number(await calls.getAttribute("data-contacts"))).toBeGreaterThanOrEqual(callsBefore + 1);
  await expectNoAccessibilityViolations(page);

  // The youth sees when and how, not what was said.
  const phone = await youthOnTheirPhone(browser, email);
  const own = phone.locator('[data-test="my-contact"]');
  await expect(own).toHaveCount(1);
  await expect(own).toHaveAttribute("data-kind", "phone");
  await expect(own).toContainText("Appel téléphonique");
  await expect(phone.locator('[data-test="my-contacts"]')).not.toContainText("stage");
  await expectNoAccessibilityViolations(phone);

  // And downloads everything Ateliers holds about them: a readable page and the data, zipped.
  const [archive] = await Promise.all([
    phone.waitForEvent("download"),
    phone.locator('[data-test="my-data-download"]').click(),
  ]);
  expect(archive.suggestedFilename()).toBe("mes-donnees-ateliers.zip");
  const bytes = readFileSync((await archive.path())!);
  expect([...bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]);
  expect(bytes.includes(Buffer.from("mes-donnees.html"))).toBe(true);
  expect(bytes.includes(Buffer.from("mes-donnees.json"))).toBe(true);
  await phone.context().close();
});

test("the referent sees who else was shown a youth's sensitive flags", async ({ page, browser }) => {
  await signIn(page, "counsellor");
  await newYouth(page, 1);
  const fileUrl = page.url().replace(/\?.*$/, "");
  await expect(page.locator('[data-test="no-sensitive-read"]')).toBeVisible();

  // A coordinator opens the file: they need to know, and it is recorded.
  const context = await browser.newContext({ baseURL: SMTP_SERVER });
  const coordinator = await context.newPage();
  await signIn(coordinator, "coordinator");
  await coordinator.goto(fileUrl);
  await expect(coordinator.locator('[data-test="youth-name"]')).toBeVisible();
  await context.close();

  await page.goto(fileUrl);
  const read = page.locator('[data-test="sensitive-read"]');
  await expect(read).toHaveCount(1);
  await expect(read).toContainText("Nadia Ferhat");
  await expect(read).toContainText("reconnaissance de handicap, suivi judiciaire");
  await expectNoAccessibilityViolations(page);
});
