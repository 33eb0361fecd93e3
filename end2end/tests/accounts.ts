import { expect, type Browser, type Page } from "@playwright/test";
import { linkMailedTo, SMTP_SERVER } from "./mail-sink";

/**
 * The demo accounts the specs sign in as (shared/src/services/demo/load_demo_data.rs;
 * server/tests/api/demo.rs pins them), and how they sign in. Every browser-test request comes
 * from 127.0.0.1: start-server.sh raises the sign-in rate limits (ATELIERS_TEST_RATE_LIMITS,
 * demo only), so every spec signs in as the same account of a role, as often as it needs.
 */
export const DEMO_PASSWORD = "ateliers-demo-93";

/** The staff a spec signs in as when any coordinator or counsellor will do. */
export const ACCOUNTS = {
  coordinator: { email: "nadia.ferhat0@convergence93.example", home: "home-coordinator" },
  // Of Clichy-sous-Bois, and the counsellor of the demo's session under way.
  counsellor: { email: "lea.martin7@ml93.example", name: "Léa Martin", home: "home-counsellor" },
} as const;

export type StaffRole = keyof typeof ACCOUNTS;

/**
 * Signs a staff member in with their password: the role's account, or `as` when the story needs
 * a given person (a counsellor of a given Mission Locale, one per browser project).
 */
export async function signIn(page: Page, role: StaffRole, as?: string) {
  await page.goto("/connexion");
  await page.locator('[data-test="staff-email"]').fill(as ?? ACCOUNTS[role].email);
  await page.locator('[data-test="staff-password"]').fill(DEMO_PASSWORD);
  await page.locator('[data-test="password-submit"]').click();
  await expect(page.locator(`[data-test="${ACCOUNTS[role].home}"]`)).toBeVisible();
}

/**
 * A youth on their own phone: a fresh browser context on the SMTP server, signed in from the
 * link mailed to `email` (without JavaScript when asked).
 */
export async function youthOnTheirPhone(browser: Browser, email: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({
    baseURL: SMTP_SERVER,
    viewport: { width: 390, height: 844 },
    isMobile: javaScriptEnabled,
    hasTouch: javaScriptEnabled,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    javaScriptEnabled,
  });
  const page = await context.newPage();
  await page.goto("/connexion");
  await page.locator('[data-test="link-email"]').fill(email);
  await page.locator('[data-test="link-submit"]').click();
  await expect(page.locator('[data-test="link-sent"]')).toBeVisible();
  await page.goto(await linkMailedTo(email));
  await page.locator('[data-test="redeem-submit"]').click();
  await expect(page.locator('[data-test="home-youth"]')).toBeVisible();
  return page;
}
