import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "@playwright/test";
import { expectNoAccessibilityViolations, test } from "./fixtures";
import { linkMailedTo } from "./mail-sink";

// Two instances of the release build on one PostgreSQL database, behind Debian's nginx with
// docs/deploy/nginx-proxy.conf (start-behind-proxy.sh). A youth's journey on their phone goes
// through the proxy, which alternates between the instances; one instance dies once the youth
// holds a place, and the journey goes on with nothing lost. (server/tests/api/behind_proxy.rs checks
// the audit log and the rate limits behind the same proxy.)
const PROXY = process.env.E2E_PROXY_BASE_URL ?? "http://127.0.0.1:3110";
const SINK = process.env.E2E_PROXY_SINK_DIR ?? "";
const YOUTH = "ibrahim.dubois109@jeunes.example";

test.use({ baseURL: PROXY });

test("a youth signs in, enrols and cancels through the proxy while an instance dies", async ({ page }) => {
  // One journey is enough: the instance it stops stays stopped.
  test.skip(test.info().project.name !== "phone", "runs once, at a phone's width");

  await page.goto("/connexion");
  await page.locator('[data-test="link-email"]').fill(YOUTH);
  await page.locator('[data-test="link-submit"]').click();
  await expect(page.locator('[data-test="link-sent"]')).toBeVisible();
  const link = await linkMailedTo(YOUTH, "connexion", SINK);
  await page.goto(link);
  await page.locator('[data-test="redeem-submit"]').click();
  await expect(page.locator('[data-test="home-youth"]')).toBeVisible();

  // The first workshop with a free place that takes enrolments.
  await page.goto("/ateliers");
  const sessions = await page
    .locator('[data-test="session-card"]')
    .filter({ has: page.locator('[data-test="session-seats"]', { hasText: /restantes?$/ }) })
    .locator('[data-test="session-title"] a')
    .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  let session = "";
  for (const href of sessions) {
    await page.goto(href);
    if (await page.locator('[data-test="enrol"]').count()) {
      session = href;
      break;
    }
  }
  expect(session, "a session open for enrolment").not.toBe("");
  await expect(page.locator('[data-test="enrolment"]')).toBeVisible();
  await page.locator('[data-test="enrol"]').click();
  await expect(page.locator('[data-test="standing"]')).toHaveText("Vous êtes inscrit·e à cette séance.");

  // The youth was told: the first instance dies.
  const [port, pid] = readFileSync(join(SINK, "instances"), "utf8").trim().split("\n")[0].split(" ");
  process.kill(Number(pid), "SIGKILL");
  await expect(async () => {
    const answer = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
    expect(answer, "the first instance is gone").toBeNull();
  }).toPass();

  // Every page still comes, from the other instance, and the place is there.
  for (let i = 0; i < 3; i++) {
    await page.goto("/mes-inscriptions");
    await expect(page.locator(`[data-test="my-enrolment"] a[href="${session}"]`)).toBeVisible();
  }
  await expectNoAccessibilityViolations(page);
  await page.goto(session);
  await expect(page.locator('[data-test="enrolment"]')).toBeVisible();
  await page.locator('[data-test="cancel"]').click();
  await page.locator('[data-test="confirm-cancel"]').click();
  await expect(page.locator('[data-test="enrol"]')).toBeVisible();
  await page.goto("/mes-inscriptions");
  await expect(page.locator(`[data-test="my-enrolment"] a[href="${session}"]`)).toHaveCount(0);

  // The invitation and its cancellation reached the youth.
  await expect(async () => {
    const mail = readdirMail(SINK).filter((message) => message.includes(YOUTH));
    expect(mail.some((message) => message.includes("METHOD:REQUEST"))).toBe(true);
    expect(mail.some((message) => message.includes("METHOD:CANCEL"))).toBe(true);
  }).toPass({ timeout: 15_000 });
});

function readdirMail(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith(".eml"))
    .map((name) => readFileSync(join(folder, name), "utf8"));
}
