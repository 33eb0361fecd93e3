import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { signIn } from "./accounts";
import { expectNoAccessibilityViolations, test } from "./fixtures";
import { SMTP_SERVER } from "./mail-sink";

// The demo's full day (9:00 – 17:00 on the last working day, its sheet still open; see
// insert_full_day_to_close in shared/src/services/demo/load_demo_data.rs, pinned by
// server/tests/api/demo.rs): one per server, so the phone closes the sheet of one server's demo
// and the desktop the other's.
const COUNSELLOR = "theo.sylla6@ml93.example";
test.use({
  baseURL: async ({}, use, testInfo) => {
    await use(testInfo.project.name === "phone" ? `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}` : SMTP_SERVER);
  },
});

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

/** What the QR codes printed in a PDF say, read from its pages rendered by poppler. */
function qrCodesIn(pdfPath: string): string[] {
  const folder = mkdtempSync(join(tmpdir(), "ateliers-qr-"));
  execFileSync("pdftoppm", ["-png", "-r", "110", pdfPath, join(folder, "page")]);
  return readdirSync(folder)
    .filter((name) => name.endsWith(".png"))
    .flatMap((name) => {
      const png = PNG.sync.read(readFileSync(join(folder, name)));
      const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
      return code ? [code.data] : [];
    });
}

function line(page: Page, name: string) {
  return page.locator('[data-test="roll-call-line"]', { has: page.locator(`text=${name}`) });
}

/** Marks each youth of the half-day shown, and has those present sign on this device. */
async function rollCall(page: Page, statuses: Array<[string, "present" | "absent" | "excused"]>) {
  for (const [name, status] of statuses) {
    await line(page, name).locator(`[data-test="mark-${status}"]`).click();
    await expect(line(page, name)).toHaveAttribute("data-status", status);
  }
  for (const [name, status] of statuses) {
    if (status !== "present") continue;
    await line(page, name).locator('[data-test="collect-signature"]').click();
    await expect(page.locator('[data-test="signing-half-day"]')).toBeVisible();
    await drawSignature(page);
    await page.locator('[data-test="sign"]').click();
    await expect(line(page, name)).toHaveAttribute("data-signed", "true");
  }
}

test("a full day's morning and afternoon are signed and closed, and the sheet has both columns", async ({ page, browser }) => {
  // The counsellor finds yesterday's full day among the sheets to close.
  await signIn(page, "counsellor", COUNSELLOR);
  await page.goto("/emargements");
  await page.locator('[data-test="sheet-to-close"]', { hasText: "9 h 00 – 17 h 00" }).getByRole("link").click();
  const tabs = page.locator('[data-test="half-days"]');
  await expect(tabs).toContainText("Matin (9 h 00 – 13 h 00)");
  await expect(tabs).toContainText("Après-midi (13 h 30 – 17 h 00)");
  await expectNoAccessibilityViolations(page);

  // The morning: two present who sign, one absent, one excused; then the counsellor closes it.
  await page.locator('[data-test="half-day-1"]').click();
  await expect(page.locator('[data-test="sheet-state"]')).toHaveAttribute("data-half-day", "1");
  const names = await page.locator('[data-test="roll-call-line"]').evaluateAll((lines) =>
    lines.map((line) => line.getAttribute("data-youth")!),
  );
  expect(names).toHaveLength(4);
  const [first, second, third, fourth] = names;
  await rollCall(page, [[first, "present"], [second, "present"], [third, "absent"], [fourth, "excused"]]);
  await expectNoAccessibilityViolations(page);
  await drawSignature(page);
  await page.locator('[data-test="close-sheet"]').click();
  await expect(page.locator('[data-test="notice"]')).toContainText("Demi-journée close et signée");
  await expect(page.locator('[data-test="half-day-1"]')).toHaveAttribute("data-closed", "true");
  await expect(page.locator('[data-test="sheet-state"]')).toHaveAttribute("data-state", "open");
  await expect(page.locator('[data-test="sheet-closed"]')).toContainText("Demi-journée « Matin » clôturée par");
  // A closed morning shows no status buttons any more.
  await expect(page.locator('[data-test="mark-present"]')).toHaveCount(0);

  // The afternoon: the second left at lunch, the third came; the last half-day closes the sheet.
  await page.locator('[data-test="half-day-2"]').click();
  await expect(page.locator('[data-test="sheet-state"]')).toHaveAttribute("data-half-day", "2");
  await rollCall(page, [[first, "present"], [second, "absent"], [third, "present"], [fourth, "excused"]]);
  await drawSignature(page);
  await page.locator('[data-test="close-sheet"]').click();
  await expect(page.locator('[data-test="sheet-state"]')).toHaveAttribute("data-state", "closed");
  await expect(page.locator('[data-test="notice"]')).toContainText("La feuille est close et signée");
  await expectNoAccessibilityViolations(page);

  // The PDF: a signature column per half-day, and each half-day's closing.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator('[data-test="sheet-pdf"]').first().click(),
  ]);
  const pdfPath = (await download.path())!;
  const text = execFileSync("pdftotext", ["-layout", pdfPath, "-"], { encoding: "utf-8" });
  const flowing = text.split(/\s+/).join(" ");
  for (const name of names) expect(text).toContain(name);
  expect(flowing).toContain("Signature (matin)");
  expect(flowing).toContain("Signature (après-midi)");
  expect(flowing).toContain("Demi-journées : matin 9 h 00 – 13 h 00 ; après-midi 13 h 30 – 17 h 00");
  expect(flowing).toMatch(/Matin \(9 h 00 – 13 h 00\) — clôturée par Théo Sylla/);
  expect(flowing).toMatch(/Après-midi \(13 h 30 – 17 h 00\) — clôturée par Théo Sylla/);

  // The QR code printed on the sheet says its verification URL, the one printed beside it.
  const printedUrl = flowing.match(/https?:\/\/\S+\/verifier\/[A-Z0-9]{10}/)![0];
  expect(qrCodesIn(pdfPath)).toEqual([printedUrl]);

  // An auditor, without an account, scans it: the sheet is authentic. Uploaded, the file is
  // too; one byte changed is refused.
  const auditor = await (
    await browser.newContext({ baseURL: new URL(page.url()).origin, viewport: { width: 390, height: 844 } })
  ).newPage();
  await auditor.goto(new URL(printedUrl).pathname);
  await expect(auditor.locator('[data-test="seal"]')).toContainText("Feuille authentique");
  await auditor.goto("/verifier");
  await auditor.locator('[data-test="verify-file"]').setInputFiles(pdfPath);
  await auditor.locator('[data-test="verify-submit"]').click();
  await expect(auditor.locator('[data-test="verdict"]')).toHaveAttribute("data-authentic", "true");
  await expectNoAccessibilityViolations(auditor);
  const altered = readFileSync(pdfPath);
  altered[Math.floor(altered.length / 3)] ^= 0x01;
  await auditor.locator('[data-test="verify-file"]').setInputFiles({ name: "feuille.pdf", mimeType: "application/pdf", buffer: altered });
  await auditor.locator('[data-test="verify-submit"]').click();
  await expect(auditor.locator('[data-test="verdict"]')).toHaveAttribute("data-authentic", "false");
  await auditor.context().close();
});
