import { expect } from "@playwright/test";
import { signIn } from "./accounts";
import { expectNoAccessibilityViolations, test } from "./fixtures";

// The demo's past year (generate_past_activity) leaves some sheets open, each session run by a
// counsellor of its Mission Locale; the server's reminder worker tells each of them at start
// (SHEET_REMINDER_HOURS, 24 by default), in a mail shown at /courriels like every mail of the
// browser tests' folder server.

test("a counsellor reminded of sheets left open finds them to close", async ({ page }) => {
  // A list rather than a single session when there is one: the coordinator's paper test may
  // close one of them meanwhile.
  const reminders = page
    .locator('[data-test="mail-item"]')
    .filter({ hasText: /feuilles d'émargement à clôturer/ });
  await expect(async () => {
    await page.goto("/courriels");
    await expect(reminders.first()).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 30_000 });
  await reminders.first().getByRole("link").click();
  await expect(page.locator('[data-test="mail-subject"]')).toHaveText(/^\d+ feuilles d'émargement à clôturer$/);
  const counsellor = (await page.locator('[data-test="mail-to"]').innerText()).match(/[^\s<>]+@[^\s<>]+/)![0];
  const links = await page.locator('[data-test="mail-link"]').evaluateAll((anchors) =>
    anchors.map((anchor) => new URL((anchor as HTMLAnchorElement).href).pathname),
  );
  const rollCalls = links.filter((path) => /^\/seances\/\d+\/emargement$/.test(path));
  expect(rollCalls.length).toBeGreaterThan(1);
  expect(links).toContain("/emargements");
  await expectNoAccessibilityViolations(page);

  // The counsellor signs in and finds those sessions among theirs to close.
  await signIn(page, "counsellor", counsellor);
  await page.locator('[data-test="nav-sheets-to-close"]').click();
  await expect(page.locator('[data-test="sheets-to-close"]')).toBeVisible();
  const listed = await page
    .locator('[data-test="sheet-to-close"] h2 a')
    .evaluateAll((anchors) => anchors.map((anchor) => new URL((anchor as HTMLAnchorElement).href).pathname));
  const stillOpen = rollCalls.filter((path) => listed.includes(path));
  expect(stillOpen.length).toBeGreaterThan(0);
  await expectNoAccessibilityViolations(page);

  // The mail's link opens the session's roll-call, its sheet open.
  await page.goto(stillOpen[stillOpen.length - 1]);
  await expect(page.locator('[data-test="sheet-state"]')).toHaveAttribute("data-state", "open");
});
