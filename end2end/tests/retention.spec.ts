import { expect } from "@playwright/test";
import { signIn } from "./accounts";
import { expectNoAccessibilityViolations, test } from "./fixtures";
import { SMTP_SERVER } from "./mail-sink";

test("anyone reads, from every page's footer, what is kept about them and for how long", async ({ page }) => {
  await page.goto("/ateliers");
  await page.locator('[data-test="footer-privacy"]').click();
  await expect(page).toHaveURL(/\/confidentialite$/);
  await expect(page.locator('[data-test="privacy-personal-data"]')).toHaveText("12 mois après la sortie du programme");
  await expect(page.locator('[data-test="privacy-messages"]')).toHaveText("30 jours après l'envoi");
  await expect(page.locator('[data-test="privacy-evidence"]')).toContainText("5 ans après le 31 décembre");
  await expect(page.locator('[data-test="privacy-minimised"] li')).toHaveCount(7);
  await expect(page.locator('[data-test="privacy-kept"]')).toContainText("feuilles d'émargement signées");
  await expect(page.locator('[data-test="privacy-evidence-end"]')).toContainText("elles sont effacées");
  await expect(page.getByRole("link", { name: "www.cnil.fr/fr/plaintes" })).toBeVisible();
  await expectNoAccessibilityViolations(page);
});

test("a coordinator sees who the daily job will minimise within 30 days, and holds one for a control", async ({ page }) => {
  await signIn(page, "coordinator");
  await page.locator('[data-test="retention-link"]').click();
  await expect(page).toHaveURL(/\/conservation$/);
  await expect(page.locator('[data-test="personal-data-kept"]')).toHaveText("12 mois après la sortie du programme");
  // The demo's four youths who left about a year ago.
  const lines = page.locator('[data-test="due-soon"] [data-test="minimisation-line"]');
  await expect(lines).toHaveCount(4);
  await expect(lines.first()).toContainText("minimisation le");
  await expectNoAccessibilityViolations(page);
  test.skip(test.info().project.name !== "phone", "holds change the shared demo: the phone places and lifts one");

  // The last one due: held with a reason, then released.
  const line = lines.last();
  const youth = (await line.getAttribute("data-youth"))!;
  const held = page.locator(`[data-test="on-hold"] [data-youth="${youth}"]`);
  if (await held.count()) {
    // Left held by an earlier run that stopped midway.
    await held.locator('[data-test="lift-hold"]').click();
    await expect(page.locator('[data-test="notice"]')).toContainText("Suspension levée");
  }
  await line.locator('[data-test="hold-reason-input"]').fill("Contrôle du FSE en cours");
  await line.locator('[data-test="place-hold"]').click();
  await expect(page.locator('[data-test="notice"]')).toContainText("Minimisation suspendue");
  await expect(held.locator('[data-test="hold-reason"]')).toContainText("Contrôle du FSE en cours");
  await expect(held.locator('[data-test="hold-reason"]')).toContainText("Nadia Ferhat");
  await expectNoAccessibilityViolations(page);

  await held.locator('[data-test="lift-hold"]').click();
  await expect(page.locator('[data-test="notice"]')).toContainText("Suspension levée");
  await expect(held).toHaveCount(0);
  await expect(page.locator(`[data-test="due-soon"] [data-youth="${youth}"] [data-test="place-hold"]`)).toBeVisible();
});

test("until the year of the programme's last payment is set, its evidence is kept", async ({ page }) => {
  await signIn(page, "coordinator");
  await page.goto("/conservation");
  await expect(page.locator('[data-test="evidence-erasure-unknown"]')).toContainText("pas encore connue");
});

test.describe("on the server whose programme was paid for the last time this year", () => {
  test.use({ baseURL: SMTP_SERVER });

  test("a coordinator sees when the programme's evidence goes, and how much of it", async ({ page }) => {
    await signIn(page, "coordinator");
    await page.goto("/conservation");
    const kept = (await page.locator('[data-test="evidence-kept"]').textContent())!;
    const lastYear = Number(kept.match(/jusqu'au 31 décembre (\d{4})/)![1]);
    const erasure = page.locator('[data-test="evidence-erasure"]');
    await expect(erasure).toContainText(`à partir du 1er janvier ${lastYear + 1}`);
    expect(Number(await erasure.locator('[data-test="evidence-sessions"]').textContent())).toBeGreaterThan(0);
    expect(Number(await erasure.locator('[data-test="evidence-youths"]').textContent())).toBeGreaterThan(0);
    await expectNoAccessibilityViolations(page);
  });
});

test("a coordinator holds a youth's minimisation from their file, then acts on their erasure request", async ({ page }) => {
  // A youth of the run's own, so that the demo keeps its others.
  const stamp = String(Date.now()).slice(-8);
  const last = `Efface${[...stamp].map((digit) => "abcdefghij"[Number(digit)]).join("")}`;
  await signIn(page, "coordinator");
  await page.goto("/jeunes/nouveau");
  await page.locator('[data-test="first-name"]').fill("Lou");
  await page.locator('[data-test="last-name"]').fill(last);
  await page.locator('[data-test="date-of-birth"]').fill("2006-01-15");
  await page.locator('[data-test="gender"]').selectOption("undisclosed");
  await page.locator('[data-test="phone"]').fill(`06 ${stamp.match(/../g)!.join(" ")}`);
  await page.locator('[data-test="referent"]').selectOption({ index: 1 });
  await page.locator('[data-test="entry-date"]').fill(new Date().toISOString().slice(0, 10));
  await page.locator('[data-test="youth-submit"]').click();
  await expect(page.locator('[data-test="youth-name"]')).toHaveText(`Lou ${last}`);
  const fileUrl = page.url().replace(/\?.*$/, "");

  // A dispute: the minimisation is held, and erasure waits for it.
  await page.locator('[data-test="file-hold-input"]').fill("Litige en cours avec le jeune");
  await page.locator('[data-test="file-place-hold"]').click();
  await expect(page.locator('[data-test="notice"]')).toContainText("Minimisation suspendue");
  await expect(page.locator('[data-test="file-hold-reason"]')).toContainText("Litige en cours avec le jeune");
  await page.locator('[data-test="confirm-erasure"]').check();
  await page.locator('[data-test="erase-data"]').click();
  await expect(page.getByText("levez la suspension")).toBeVisible();
  await page.goto(fileUrl);
  await page.locator('[data-test="file-lift-hold"]').click();
  await expect(page.locator('[data-test="notice"]')).toContainText("Suspension levée");

  // The erasure: what stays, why and until when is said before; then only the pseudonym is left.
  await expect(page.locator('[data-test="erasure"]')).toContainText("5 ans après le 31 décembre");
  await expect(page.locator('[data-test="erasure-kept"] li').first()).toContainText("feuilles d'émargement");
  await expectNoAccessibilityViolations(page);
  await page.locator('[data-test="confirm-erasure"]').check();
  await page.locator('[data-test="erase-data"]').click();
  await expect(page.locator('[data-test="notice"]')).toContainText("Demande d'effacement traitée");
  await expect(page.locator('[data-test="youth-name"]')).toHaveText(/^L\. E\. P-\d{6}$/);
  await expect(page.locator('[data-test="minimised"]')).toBeVisible();
  await expectNoAccessibilityViolations(page);
});
