import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "@playwright/test";

/** The server whose mail goes over SMTP to the sink (see playwright.config.ts). */
export const SMTP_SERVER = process.env.E2E_SMTP_BASE_URL ?? "http://127.0.0.1:3101";

/**
 * Waits for the SMTP sink to receive a mail to `to` and returns the path of the link it carries
 * (`/connexion/...`, or `/mot-de-passe/...` for a password link), as the person would find it
 * in their inbox.
 */
export async function linkMailedTo(
  to: string,
  page: "connexion" | "mot-de-passe" = "connexion",
  folder: string = process.env.E2E_SINK_DIR ?? "",
): Promise<string> {
  let path = "";
  await expect(async () => {
    const raw = readdirSync(folder)
      .filter((name) => name.endsWith(".eml"))
      .sort()
      .reverse()
      .map((name) => readFileSync(join(folder, name), "utf8"))
      .find((message) => message.includes(to));
    expect(raw, `a mail to ${to}`).toBeTruthy();
    const link = new RegExp(`https?://[^\\s/]+(/${page}/[A-Za-z0-9_-]+)`);
    const match = decodedBodies(raw ?? "").match(link);
    expect(match, `a /${page}/ link`).toBeTruthy();
    path = match![1];
  }).toPass({ timeout: 15_000 });
  return path;
}

/** The message's text under both transfer encodings lettre may pick (quoted-printable, base64). */
function decodedBodies(raw: string): string {
  const quotedPrintable = raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  const body = raw.split(/\r?\n\r?\n/).slice(1).join("\n");
  const base64 = Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ""), "base64").toString("utf8");
  return `${quotedPrintable}\n${base64}`;
}
