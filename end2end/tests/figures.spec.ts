import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import { signIn } from "./accounts";
import { expectNoAccessibilityViolations, test } from "./fixtures";

// The demo loads a generated past year (generate_past_activity), so the figures are not empty.

function figure(page: Page, name: string) {
  return page.locator(`[data-test="${name}"] .figures-card__value`);
}

test("a coordinator reads the federation's figures and exports them for the funder", async ({ page }) => {
  await signIn(page, "coordinator");
  await page.locator('[data-test="nav-figures"]').click();
  await expect(page.locator('[data-test="figures-heading"]')).toContainText("Fédération (10 Missions Locales)");
  const held = Number(await figure(page, "sessions-held").innerText());
  expect(held).toBeGreaterThan(50);
  await expect(figure(page, "attendance-rate")).toHaveText(/^\d+ %$/);
  await expect(page.locator('[data-test="contactability"]')).toContainText("sans téléphone ni courriel");
  await expect(page.locator('[data-test="figures-by-theme"] [data-test="figures-row"]').first()).toBeVisible();
  await expect(page.locator('[data-test="gender-row"]')).toHaveCount(3);
  await expectNoAccessibilityViolations(page);

  // One Mission Locale: fewer sessions, its name in the heading, the choice kept in the address.
  await page.locator('[data-test="figures-scope"]').selectOption({ label: "Mission Locale de Clichy-sous-Bois" });
  await page.locator('[data-test="figures-show"]').click();
  await expect(page).toHaveURL(/\/chiffres\?ml=\d+/);
  await expect(page.locator('[data-test="figures-heading"]')).toContainText("Mission Locale de Clichy-sous-Bois");
  const heldThere = Number(await figure(page, "sessions-held").innerText());
  expect(heldThere).toBeGreaterThan(0);
  expect(heldThere).toBeLessThan(held);

  // A bad period: a French message, and a way back.
  await page.locator('[data-test="figures-from"]').fill("2026-06-01");
  await page.locator('[data-test="figures-to"]').fill("2026-05-01");
  await page.locator('[data-test="figures-show"]').click();
  await expect(page.getByText("La date de début doit précéder la date de fin.")).toBeVisible();
  await page.getByRole("link", { name: "Revenir aux douze derniers mois" }).click();

  // The attendance lines as CSV for French Excel.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator('[data-test="export-attendance-csv"]').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^presences-federation-.*\.csv$/);
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString("utf-8").split("\r\n");
  expect(lines[0]).toBe(
    "Mission Locale;N° de séance;Atelier;Thème;Date;Début;Fin;Demi-journée;Heures;Nom;Prénom;Genre;Statut;Inscription;Signé;Feuille",
  );
  expect(lines.length).toBeGreaterThan(held);

  const [workbook] = await Promise.all([
    page.waitForEvent("download"),
    page.locator('[data-test="export-participants-xlsx"]').click(),
  ]);
  expect(workbook.suggestedFilename()).toMatch(/^participants-federation-.*\.xlsx$/);
  expect([...readFileSync((await workbook.path())!).subarray(0, 2)]).toEqual([0x50, 0x4b]);

  // « État du service »: whether mail leaves, and the week's places.
  await page.goto("/accueil");
  await page.locator('[data-test="service-health-link"]').click();
  await expect(page).toHaveURL(/\/etat-du-service$/);
  await expect(page.locator('[data-test="mail-flow"]')).toHaveText("Les courriels partent normalement.");
  await expect(figure(page, "mail-waiting")).toHaveText(/^\d+$/);
  await expect(figure(page, "mail-sent-last-day")).toHaveText(/^\d+$/);
  expect(Number(await figure(page, "week-registered").innerText())).toBeGreaterThanOrEqual(0);
  await expectNoAccessibilityViolations(page);
});

test("a counsellor reads their own Mission Locale's figures", async ({ page }) => {
  await signIn(page, "counsellor");
  await page.locator('[data-test="nav-figures"]').click();
  await expect(page.locator('[data-test="figures-heading"]')).toContainText("Clichy-sous-Bois");
  await expect(page.locator('[data-test="figures-scope"]')).toHaveCount(0);
  expect(Number(await figure(page, "sessions-held").innerText())).toBeGreaterThan(0);
  await expectNoAccessibilityViolations(page);
});

test("a coordinator closes an old sheet with the signed paper's scan", async ({ page }) => {
  test.skip(test.info().project.name !== "phone", "each run closes a sheet of the shared demo: the phone runs it");
  await signIn(page, "coordinator");
  await page.locator('[data-test="nav-sheets-to-close"]').click();
  // The oldest sheet still open from the demo's past year.
  const oldest = page.locator('[data-test="sheet-to-close"]').first();
  const href = (await oldest.locator("h2 a").getAttribute("href"))!;
  await oldest.locator("h2 a").click();
  await expect(page.locator('[data-test="sheet-state"]')).toHaveAttribute("data-state", "open");
  await expect(page.locator('[data-test="print-blank-sheet"]')).toBeVisible();
  await expectNoAccessibilityViolations(page);
  // The session ends while the page is open (a long day): the server answers before reading
  // the 3 MB still on their way, and the browser shows that refusal, in French, with the way
  // back — not a cut connection.
  await page.context().clearCookies();
  await page.locator('[data-test="paper-scan-file"]').setInputFiles({
    name: "feuille-signee.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(3 * 1024 * 1024, 32)]),
  });
  await page.locator('[data-test="paper-scan-submit"]').click();
  await expect(page.locator('[data-test="paper-scan-error"]')).toContainText("Connectez-vous");
  await signIn(page, "coordinator");
  await page.goto(href);
  await expect(page.locator('[data-test="sheet-state"]')).toHaveAttribute("data-state", "open");
  await page.locator('[data-test="paper-scan-file"]').setInputFiles({
    name: "feuille-signee.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"),
  });
  await page.locator('[data-test="paper-scan-submit"]').click();
  await expect(page.locator('[data-test="sheet-state"]')).toHaveAttribute("data-state", "paper");
  await expect(page.getByText("Feuille papier signée (scan)")).toBeVisible();
  // It left the sheets to close.
  await page.locator('[data-test="nav-sheets-to-close"]').click();
  await expect(page.locator('[data-test="sheets-to-close"]')).toBeVisible();
  await expect(page.locator(`[data-test="sheet-to-close"] a[href="${href}"]`)).toHaveCount(0);
});

test("a counsellor records a youth's exit into a job; the figures and the export count it against the 70 % target", async ({ page }) => {
  const today = new Date().toISOString().slice(0, 10);
  // Names take letters only: a run's own name, spelled from the clock.
  const stamp = String(Date.now()).slice(-8);
  const last = `Sortie${[...stamp].map((digit) => "abcdefghij"[Number(digit)]).join("")}`;
  const mobile = `06 ${stamp.match(/../g)!.join(" ")}`;
  await signIn(page, "counsellor");
  await page.goto("/chiffres");
  const positives = async () => Number((await figure(page, "positive-exits").innerText()).split(" ")[0]);
  const before = await positives();
  await expect(page.locator('[data-test="exit-target"]')).toContainText("70 %");
  await expect(page.locator('[data-test="figures-exits"] [data-test="exit-row"]')).toHaveCount(1);

  // A youth of theirs, whose programme ends today with a job.
  await page.goto("/jeunes/nouveau");
  await page.locator('[data-test="first-name"]').fill("Samir");
  await page.locator('[data-test="last-name"]').fill(last);
  await page.locator('[data-test="date-of-birth"]').fill("2005-02-11");
  await page.locator('[data-test="gender"]').selectOption("male");
  await page.locator('[data-test="phone"]').fill(mobile);
  await page.locator('[data-test="entry-date"]').fill(today);
  await page.locator('[data-test="youth-submit"]').click();
  await expect(page.locator('[data-test="youth-name"]')).toHaveText(`Samir ${last}`);
  await page.locator('[data-test="exit-date"]').fill(today);
  await page.locator('[data-test="exit-outcome"]').selectOption("employment");
  await page.locator('[data-test="youth-submit"]').click();
  await expect(page.locator('[data-test="notice"]')).toContainText("Modifications enregistrées");
  await expectNoAccessibilityViolations(page);

  await page.goto("/chiffres");
  expect(await positives()).toBeGreaterThanOrEqual(before + 1);
  const row = page.locator('[data-test="figures-exits"] [data-test="exit-row"]');
  await expect(row).toHaveAttribute("data-target", /^(met|below)$/);
  await expectNoAccessibilityViolations(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator('[data-test="export-participants-csv"]').click(),
  ]);
  const csv = readFileSync((await download.path())!).subarray(3).toString("utf-8");
  const line = csv.split("\r\n").find((entry) => entry.includes(last));
  expect(line, "the youth in the export").toBeTruthy();
  expect(line).toContain(";Emploi;");
  expect(line!.split(";")[8]).toBe("oui");
});
