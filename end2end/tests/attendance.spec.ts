import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import { signIn, youthOnTheirPhone } from "./accounts";
import { expectNoAccessibilityViolations, test } from "./fixtures";
import { SMTP_SERVER } from "./mail-sink";
import { SIGNATURE_PAGE, emptyPhone, expectWithinBudget, firstVisitBytes } from "./page-weight";

// On the SMTP server: youths sign in from mailed links read from the sink.
test.use({ baseURL: SMTP_SERVER });

// The demo's session under way (started half an hour before the server, three hours long; see
// insert_session_under_way in shared/src/services/demo/load_demo_data.rs; server/tests/api/demo.rs pins
// these accounts): its counsellor (the counsellor of accounts.ts) and two of its six registered
// youths.
const YOUTH_ON_PHONE = { email: "mehdi.camara7@jeunes.example", name: "Mehdi Camara" };
const YOUTH_ON_TABLET = "Sofiane Sylla";

/** Draws a signature with the pointer on the page's signature pad, once it is live. */
async function drawSignature(page: Page) {
  await expect(page.locator('.signature-pad[data-hydrated="true"]')).toBeVisible();
  const pad = page.locator('[data-test="signature-pad"]');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const at = (x: number, y: number) => [box.x + box.width * x, box.y + box.height * y] as const;
  await page.mouse.move(...at(0.1, 0.7));
  await page.mouse.down();
  for (const [x, y] of [[0.2, 0.3], [0.3, 0.6], [0.45, 0.25], [0.6, 0.7], [0.75, 0.3], [0.9, 0.5]]) {
    await page.mouse.move(...at(x, y), { steps: 4 });
  }
  await page.mouse.up();
  await expect(page.locator('[data-test="signature-strokes"]')).not.toHaveValue("");
}

function line(page: Page, name: string) {
  return page.locator('[data-test="roll-call-line"]', { has: page.locator(`text=${name}`) });
}

test("attendance_sheet_pdf_shows_signatures_and_mention", async ({ page, browser }) => {
  test.skip(test.info().project.name !== "phone", "one sheet per demo session: the phone runs the journey");

  // The counsellor, on a phone, finds today's session in the agenda and opens the roll-call.
  await signIn(page, "counsellor");
  await page.goto("/agenda");
  await page.locator('[data-test="agenda-entry"]', { hasText: "Décrypter l'info" }).first().getByRole("link").click();
  await page.locator('[data-test="attendance-link"]').click();
  await expect(page.locator('[data-test="roll-call-line"]')).toHaveCount(6);
  await expectNoAccessibilityViolations(page);
  const names = await page.locator('[data-test="roll-call-line"]').evaluateAll((lines) =>
    lines.map((line) => line.getAttribute("data-youth")!),
  );

  // The check-in screen shows a six-digit code (and its QR code).
  await page.locator('[data-test="open-check-in"]').click();
  const code = await page.locator('[data-test="check-in-code"]').getAttribute("data-code");
  expect(code).toMatch(/^\d{6}$/);
  await expect(page.locator(".check-in__qr svg")).toBeVisible();
  await expectNoAccessibilityViolations(page);

  // A youth types the code on their phone, is checked in, and signs there.
  const youth = await youthOnTheirPhone(browser, YOUTH_ON_PHONE.email);
  await youth.locator('[data-test="nav-check-in"]').click();
  await youth.locator('[data-test="check-in-code-input"]').fill(code!);
  await youth.locator('[data-test="check-in"]').click();
  await expect(youth.locator('[data-test="checked-in"]')).toBeVisible();
  await expectNoAccessibilityViolations(youth);
  // The signature page is one a youth meets: its first visit stays within its budget.
  const fresh = await emptyPhone(browser, await youth.context().storageState());
  expectWithinBudget(SIGNATURE_PAGE, await firstVisitBytes(fresh, new URL(youth.url()).pathname));
  await expect(fresh.locator('.signature-pad[data-hydrated="true"]')).toBeVisible();
  await fresh.context().close();
  await drawSignature(youth);
  await youth.locator('[data-test="sign"]').click();
  await expect(youth.locator('[data-test="signed"]')).toContainText("Signé à");

  // The facilitator's screen shows the arrival live; the counsellor confirms it there.
  const arrival = page.locator('[data-test="to-confirm"]', { hasText: YOUTH_ON_PHONE.name });
  await expect(arrival).toBeVisible({ timeout: 10_000 });
  await arrival.locator('[data-test="confirm-check-in"]').click();
  await expect(page.locator('[data-test="nobody-to-confirm"]')).toBeVisible({ timeout: 10_000 });

  // Roll-call: one present who signs on the counsellor's phone, the others absent or excused.
  await page.goto(new URL(page.url()).pathname.replace("/pointage", "/emargement"));
  await line(page, YOUTH_ON_TABLET).locator('[data-test="mark-present"]').click();
  await expect(line(page, YOUTH_ON_TABLET)).toHaveAttribute("data-status", "present");
  await line(page, YOUTH_ON_TABLET).locator('[data-test="collect-signature"]').click();
  await drawSignature(page);
  await page.locator('[data-test="sign"]').click();
  await expect(line(page, YOUTH_ON_TABLET)).toHaveAttribute("data-signed", "true");
  const others = names.filter((name) => name !== YOUTH_ON_PHONE.name && name !== YOUTH_ON_TABLET);
  for (const [index, name] of others.entries()) {
    await line(page, name).locator(index === 0 ? '[data-test="mark-excused"]' : '[data-test="mark-absent"]').click();
    await expect(line(page, name)).toHaveAttribute("data-status", index === 0 ? "excused" : "absent");
  }
  await expectNoAccessibilityViolations(page);

  // The counsellor signs last and closes the sheet.
  await drawSignature(page);
  await page.locator('[data-test="close-sheet"]').click();
  await expect(page.locator('[data-test="sheet-state"]')).toHaveAttribute("data-state", "closed");

  // The PDF downloads; its text shows the names, statuses, times and the EU mention.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator('[data-test="sheet-pdf"]').first().click(),
  ]);
  const text = execFileSync("pdftotext", ["-layout", (await download.path())!, "-"], { encoding: "utf-8" });
  for (const name of names) {
    expect(text).toContain(name);
  }
  expect(text).toContain("Présent·e");
  expect(text).toContain("Excusé·e");
  expect(text).toContain("Absent·e");
  expect(text).toMatch(/Horaires : \d{1,2} h \d{2} – \d{1,2} h \d{2}/);
  expect(text).toMatch(/Signé à|\d{1,2} h \d{2}/);
  expect(text).toContain("Union européenne");
  expect(text).toMatch(/Empreinte SHA-256 : [0-9a-f]{64}/);
  expect(text).toContain("Clôturée par");

  // An auditor, without an account, opens the printed verification URL and uploads the file:
  // authentic. The same file with one byte changed is refused.
  const pdfPath = (await download.path())!;
  const verificationPath = text.match(/https?:\/\/[^\s/]+(\/verifier\/[A-Z0-9]{10})/)![1];
  const auditor = await (await browser.newContext({ baseURL: SMTP_SERVER, viewport: { width: 390, height: 844 } })).newPage();
  await auditor.goto(verificationPath);
  await expect(auditor.locator('[data-test="seal"]')).toContainText("Feuille authentique");
  await expectNoAccessibilityViolations(auditor);
  await auditor.locator('[data-test="verify-file"]').setInputFiles(pdfPath);
  await auditor.locator('[data-test="verify-submit"]').click();
  await expect(auditor.locator('[data-test="verdict"]')).toHaveAttribute("data-authentic", "true");
  await expect(auditor.locator('[data-test="verdict-headline"]')).toContainText("clôturée le");
  await expectNoAccessibilityViolations(auditor);
  const altered = readFileSync(pdfPath);
  altered[Math.floor(altered.length / 2)] ^= 0x01;
  await auditor.locator('[data-test="verify-file"]').setInputFiles({ name: "feuille.pdf", mimeType: "application/pdf", buffer: altered });
  await auditor.locator('[data-test="verify-submit"]').click();
  await expect(auditor.locator('[data-test="verdict"]')).toHaveAttribute("data-authentic", "false");
  await expect(auditor.locator('[data-test="verdict-headline"]')).toContainText("n'a pas été délivré par Ateliers");
  await expectNoAccessibilityViolations(auditor);
  await auditor.context().close();
});
