// Measures what a first visit to a page costs over the wire, as Chromium sees it: every
// response's encoded (compressed) bytes, by type, with an empty cache.
//   node end2end/page-weight.mjs http://127.0.0.1:3000/ateliers [--no-js]
// With ATELIERS_SESSION=<token> it visits as that signed-in person (e.g. a youth's /accueil).
import { chromium } from "@playwright/test";

const url = process.argv[2] ?? "http://127.0.0.1:3000/ateliers";
const javaScriptEnabled = !process.argv.includes("--no-js");

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 390, height: 844 } });
if (process.env.ATELIERS_SESSION) {
  await context.addCookies([{ name: "ateliers_session", value: process.env.ATELIERS_SESSION, url }]);
}
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send("Network.enable");
await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });

const requests = new Map();
cdp.on("Network.responseReceived", ({ requestId, response, type }) => {
  requests.set(requestId, { url: response.url, type, encoding: response.headers["content-encoding"] ?? "none" });
});
cdp.on("Network.loadingFinished", ({ requestId, encodedDataLength }) => {
  const request = requests.get(requestId);
  if (request) request.bytes = encodedDataLength;
});

await page.goto(url, { waitUntil: "networkidle" });
// Islands hydrate when the browser is idle: give them the time to fetch the wasm.
await page.waitForTimeout(1500);

const byType = {};
let total = 0;
for (const request of requests.values()) {
  const bytes = request.bytes ?? 0;
  total += bytes;
  byType[request.type] = (byType[request.type] ?? 0) + bytes;
  console.log(`${String(bytes).padStart(8)} B  ${request.type.padEnd(10)} ${request.encoding.padEnd(5)} ${request.url}`);
}
console.log("---");
for (const [type, bytes] of Object.entries(byType)) console.log(`${type.padEnd(10)} ${(bytes / 1024).toFixed(1)} KiB`);
console.log(`total      ${(total / 1024).toFixed(1)} KiB (JavaScript ${javaScriptEnabled ? "on" : "off"}, first visit, compressed, headers included)`);
await browser.close();
