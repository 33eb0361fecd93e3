import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";

// Playwright drives Debian's Chromium: downloading a browser is impossible on these machines.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

const port = Number(process.env.E2E_PORT ?? 3100);
// A second server sends its mail over SMTP to `ateliers smtp-sink`, which keeps each message in
// this folder: the sign-in journeys read their links there (see tests/mail-sink.ts).
const smtpPort = port + 1;
const sinkDir = (process.env.E2E_SINK_DIR ??= mkdtempSync(join(tmpdir(), "ateliers-e2e-sink-")));
// Its SMS go over SMPP to `ateliers smsc-sink`, which keeps each in this folder (tests/sms-sink.ts).
const smsDir = (process.env.E2E_SMS_DIR ??= mkdtempSync(join(tmpdir(), "ateliers-e2e-sms-")));
process.env.E2E_SMTP_BASE_URL = `http://127.0.0.1:${smtpPort}`;
// Two instances behind Debian's nginx on PostgreSQL (start-behind-proxy.sh), with their own sink.
const proxyPort = port + 10;
process.env.E2E_PROXY_BASE_URL = `http://127.0.0.1:${proxyPort}`;
process.env.E2E_PROXY_SINK_DIR ??= mkdtempSync(join(tmpdir(), "ateliers-e2e-proxy-sink-"));

export default defineConfig({
  testDir: "./tests",
  // The journeys bring several people through mail on one 2-core machine (two servers, two
  // browsers): some take about 30 s there.
  timeout: 60_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    trace: "retain-on-failure",
    launchOptions: chromium,
  },
  projects: [
    {
      name: "phone",
      use: {
        ...devices["Pixel 7"],
        viewport: { width: 390, height: 844 },
        launchOptions: chromium,
      },
    },
    {
      name: "desktop",
      use: { ...devices["Desktop Chrome"], launchOptions: chromium },
    },
  ],
  // The release build of the real server, on a fresh SQLite database loaded with the demo.
  webServer: [
    {
      command: "./start-server.sh",
      url: `http://127.0.0.1:${port}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
      env: { E2E_PORT: String(port), E2E_MAIL: "folder" },
    },
    {
      command: "./start-server.sh",
      url: `http://127.0.0.1:${smtpPort}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        E2E_PORT: String(smtpPort),
        E2E_MAIL: "smtp",
        E2E_SMTP_PORT: String(port + 2),
        E2E_SINK_DIR: sinkDir,
        E2E_SMPP_PORT: String(port + 3),
        E2E_SMS_DIR: smsDir,
      },
    },
    {
      command: "./start-behind-proxy.sh",
      url: `http://127.0.0.1:${proxyPort}/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      env: { E2E_PROXY_PORT: String(proxyPort), E2E_PROXY_SINK_DIR: process.env.E2E_PROXY_SINK_DIR },
    },
  ],
});
