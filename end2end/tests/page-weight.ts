import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Browser, type Page } from "@playwright/test";
import { SMTP_SERVER } from "./mail-sink";

/**
 * The weight of a youth's first visit to a page: every byte the browser receives (compressed
 * bodies and headers, as Chromium's network layer counts them), from an empty cache, JavaScript
 * on, once the page is idle. The budgets live in `page-budgets.json`.
 */
export const BUDGETS: { goal: number; pages: Record<string, number> } = JSON.parse(
  readFileSync(join(__dirname, "..", "page-budgets.json"), "utf8"),
);

/** The signature page is measured by attendance.spec.ts, where a youth has just checked in. */
export const SIGNATURE_PAGE = "/ateliers/:id/signer";

/** A phone with an empty cache, signed in as `storageState`'s person if given. */
export async function emptyPhone(browser: Browser, storageState?: Awaited<ReturnType<Page["context"]>["storageState"]>): Promise<Page> {
  const context = await browser.newContext({
    baseURL: SMTP_SERVER,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: "fr-FR",
    storageState,
  });
  return context.newPage();
}

/** What loading `path` in `page` costs over the wire, cache disabled. */
export async function firstVisitBytes(page: Page, path: string): Promise<number> {
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

/** Prints `pattern`'s weight (closing notes quote it) and fails above its budget. */
export function expectWithinBudget(pattern: string, bytes: number) {
  const line = `${pattern}: ${(bytes / 1024).toFixed(1)} KiB (budget ${(BUDGETS.pages[pattern] / 1024).toFixed(1)} KiB)`;
  console.log(`First visit, empty cache, JavaScript on: ${line}`);
  expect(bytes, `${pattern} weighs ${bytes} bytes`).toBeLessThanOrEqual(BUDGETS.pages[pattern]);
}
