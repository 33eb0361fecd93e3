import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";
import { youthOnTheirPhone } from "./accounts";
import { test } from "./fixtures";
import { SMTP_SERVER } from "./mail-sink";

/**
 * The weight of a youth's first visit to each page they meet: every byte the browser receives
 * (compressed bodies and headers, as Chromium's network layer counts them), from an empty cache,
 * JavaScript on, once the page is idle. Fails when a page is heavier than its budget in
 * `page-budgets.json`, and prints every weight so the closing notes can quote them.
 */
const BUDGETS: { goal: number; pages: Record<string, number> } = JSON.parse(
  readFileSync(join(__dirname, "..", "page-budgets.json"), "utf8"),
);

// On the SMTP server: the youth signs in from the mailed link, read from the sink.
test.use({ baseURL: SMTP_SERVER });

/** What loading `path` in `page` (a fresh context: nothing cached) costs over the wire. */
async function firstVisitBytes(page: Page, path: string): Promise<number> {
  const network = await page.context().newCDPSession(page);
  await network.send("Network.enable");
  await network.send("Network.setCacheDisabled", { cacheDisabled: true });
  let bytes = 0;
  network.on("Network.loadingFinished", (event) => {
    bytes += event.encodedDataLength;
  });
  await page.goto(path, { waitUntil: "networkidle" });
  await network.detach();
  return bytes;
}

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
  for (const pattern of Object.keys(BUDGETS.pages)) {
    const anonymous = pattern === "/ateliers" || pattern === "/connexion";
    const context = await browser.newContext({
      baseURL: SMTP_SERVER,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: "fr-FR",
      storageState: anonymous ? undefined : signedIn,
    });
    const page = await context.newPage();
    const path = pattern === "/ateliers/:id" ? await firstSession(page) : pattern;
    weights[pattern] = await firstVisitBytes(page, path);
    await context.close();
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
