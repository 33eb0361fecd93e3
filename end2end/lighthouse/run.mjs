// Lighthouse's mobile performance score (simulated slow 4G, 4× slower CPU, a phone's screen,
// empty cache) of each page a youth meets, against a running Ateliers in demo mode (`make run`):
//   cd end2end/lighthouse && npm ci && node run.mjs [http://127.0.0.1:3000]
// A demo youth signs in from the link mailed to the demo's mail folder (MAIL_FOLDER, `data/mail`
// by default, as `make run` writes it) and checks in at the session under way with the code of
// its counsellor's check-in screen, as attendance.spec.ts does. Issue 22's goal is ≥ 98.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium } from "@playwright/test";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const base = (process.argv[2] ?? "http://127.0.0.1:3000").replace(/\/$/, "");
const mailFolder = resolve(process.env.MAIL_FOLDER ?? join(import.meta.dirname, "..", "..", "data", "mail"));
const chromePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// The demo's counsellor of the session under way, and a youth with a place at it.
const counsellor = { email: "lea.martin7@ml93.example", password: "ateliers-demo-93" };
const youth = "mehdi.camara7@jeunes.example";
const GOAL = 98;

const browser = await chromium.launch({ executablePath: chromePath, args: ["--headless", "--no-sandbox"] });
const phone = () => browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });

// The counsellor opens the check-in screen of today's session and reads its code.
const staff = await (await phone()).newPage();
await staff.goto(`${base}/connexion`);
await staff.locator('[data-test="staff-email"]').fill(counsellor.email);
await staff.locator('[data-test="staff-password"]').fill(counsellor.password);
await staff.locator('[data-test="password-submit"]').click();
await staff.locator('[data-test="home-counsellor"]').waitFor();
await staff.goto(`${base}/agenda`);
await staff.locator('[data-test="agenda-entry"]', { hasText: "Décrypter l'info" }).first().getByRole("link").click();
await staff.locator('[data-test="attendance-link"]').click();
await staff.locator('[data-test="open-check-in"]').click();
const code = await staff.locator('[data-test="check-in-code"]').getAttribute("data-code");

// The youth signs in as on their phone (a link mailed to them), then checks in with the code:
// the signature page follows.
const context = await phone();
const page = await context.newPage();
const before = new Set(mails());
await page.goto(`${base}/connexion`);
await page.locator('[data-test="link-email"]').fill(youth);
await page.locator('[data-test="link-submit"]').click();
await page.locator('[data-test="link-sent"]').waitFor();
await page.goto(`${base}${await mailedLink(youth, before)}`);
await page.locator('[data-test="redeem-submit"]').click();
await page.locator('[data-test="home-youth"]').waitFor();
await page.goto(`${base}/pointer`);
await page.locator('[data-test="check-in-code-input"]').fill(code);
await page.locator('[data-test="check-in"]').click();
await page.locator('[data-test="checked-in"]').waitFor();
const signature = new URL(page.url()).pathname;
const cookie = (await context.cookies()).map(({ name, value }) => `${name}=${value}`).join("; ");
await page.goto(`${base}/ateliers`);
const session = await page.locator('[data-test="session-card"] a').first().getAttribute("href");
await browser.close();

const pages = [
  ["/ateliers", false],
  ["/connexion", false],
  [session, true],
  ["/accueil", true],
  ["/mes-inscriptions", true],
  ["/pointer", true],
  [signature, true],
];
const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"],
});
const scores = [];
let version = "";
try {
  for (const [path, signedIn] of pages) {
    const { lhr } = await lighthouse(`${base}${path}`, {
      port: chrome.port,
      onlyCategories: ["performance"],
      logLevel: "error",
      extraHeaders: signedIn ? { Cookie: cookie } : {},
    });
    const score = Math.round((lhr.categories.performance.score ?? 0) * 100);
    const metric = (id) => lhr.audits[id]?.displayValue ?? "?";
    // A signed-in page that sent the visitor to /connexion would not be the page measured.
    const landed = new URL(lhr.finalDisplayedUrl ?? `${base}${path}`).pathname;
    if (landed !== new URL(`${base}${path}`).pathname) throw new Error(`${path} led to ${landed}`);
    scores.push(score);
    version = lhr.lighthouseVersion;
    console.log(
      `${String(score).padStart(3)}  ${path.padEnd(24)} FCP ${metric("first-contentful-paint")} · LCP ${metric("largest-contentful-paint")} · TBT ${metric("total-blocking-time")} · CLS ${metric("cumulative-layout-shift")}${lhr.runtimeError ? ` (${lhr.runtimeError.message})` : ""}`,
    );
  }
} finally {
  await chrome.kill();
}
console.log(`Lighthouse ${version} mobile performance: lowest ${Math.min(...scores)} (goal ≥ ${GOAL})`);
process.exitCode = scores.every((score) => score >= GOAL) ? 0 : 1;

function mails() {
  return readdirSync(mailFolder).filter((name) => name.endsWith(".eml"));
}

/** The `/connexion/…` link of a mail to `to` not in `before`, as the youth reads it. */
async function mailedLink(to, before) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const link = mails()
      .filter((name) => !before.has(name))
      .map((name) => readFileSync(join(mailFolder, name), "utf8"))
      .filter((raw) => raw.includes(to))
      .map((raw) => decoded(raw).match(/https?:\/\/[^\s/]+(\/connexion\/[A-Za-z0-9_-]+)/)?.[1])
      .find(Boolean);
    if (link) return link;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`no sign-in link mailed to ${to} in ${mailFolder}`);
}

/** The message's text under both transfer encodings lettre may pick. */
function decoded(raw) {
  const quotedPrintable = raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  const body = raw.split(/\r?\n\r?\n/).slice(1).join("\n");
  return `${quotedPrintable}\n${Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ""), "base64").toString("utf8")}`;
}
