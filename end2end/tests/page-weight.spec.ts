import { expect, type Page } from "@playwright/test";
import { youthOnTheirPhone } from "./accounts";
import { test } from "./fixtures";
import { SMTP_SERVER } from "./mail-sink";
import { BUDGETS, SIGNATURE_PAGE, emptyPhone, firstVisitBytes } from "./page-weight";

// On the SMTP server: the youth signs in from the mailed link, read from the sink.
test.use({ baseURL: SMTP_SERVER });

test("each page a youth meets stays within its weight budget", async ({ browser }) => {
  test.skip(test.info().project.name !== "phone", "a youth's phone");
  // A youth of the demo, signed in once; each page is then visited from an empty cache.
  const youth = await youthOnTheirPhone(browser, "ines.benali0@jeunes.example");
  const signedIn = await youth.context().storageState();
  await youth.context().close();
  const firstSession = async (page: Page) => {
    await page.goto("/ateliers");
    return (await page.locator('[data-test="session-card"] a').first().getAttribute("href"))!;
  };

  const weights: Record<string, number> = {};
  for (const pattern of Object.keys(BUDGETS.pages).filter((pattern) => pattern !== SIGNATURE_PAGE)) {
    const anonymous = pattern === "/ateliers" || pattern === "/connexion";
    const page = await emptyPhone(browser, anonymous ? undefined : signedIn);
    const path = pattern === "/ateliers/:id" ? await firstSession(page) : pattern;
    weights[pattern] = await firstVisitBytes(page, path);
    await page.context().close();
  }
  const report = Object.entries(weights)
    .map(([page, bytes]) => `${page}: ${(bytes / 1024).toFixed(1)} KiB (budget ${(BUDGETS.pages[page] / 1024).toFixed(1)} KiB)`)
    .join("\n");
  console.log(`First visits, empty cache, JavaScript on:\n${report}`);
  test.info().annotations.push({ type: "page weights", description: report });
  for (const [page, bytes] of Object.entries(weights)) {
    expect(bytes, `${page} weighs ${bytes} bytes`).toBeLessThanOrEqual(BUDGETS.pages[page]);
  }
});
