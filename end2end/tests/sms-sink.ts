import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "@playwright/test";

/** An SMS as `ateliers smsc-sink` kept it (NNNN.txt: "À :", "De :", "Codage :", then the text). */
export interface ReceivedSms {
  to: string;
  from: string;
  encoding: string;
  segments: number;
  text: string;
}

/** "06 12 34 56 78" as the SMSC sees it: "+33612345678". */
export function e164(nationalNumber: string): string {
  return `+33${nationalNumber.replace(/\s/g, "").slice(1)}`;
}

/**
 * Waits for the SMSC sink to hold an SMS to `nationalNumber` whose text matches `matching`,
 * and returns the newest such, as the youth's phone would show it.
 */
export async function smsTo(
  nationalNumber: string,
  matching: RegExp,
  folder: string = process.env.E2E_SMS_DIR ?? "",
): Promise<ReceivedSms> {
  const to = e164(nationalNumber);
  let found: ReceivedSms | undefined;
  await expect(async () => {
    found = readdirSync(folder)
      .filter((name) => /^\d+\.txt$/.test(name))
      .sort()
      .reverse()
      .map((name) => parse(readFileSync(join(folder, name), "utf8")))
      .find((sms) => sms?.to === to && matching.test(sms.text));
    expect(found, `an SMS to ${to} matching ${matching}`).toBeTruthy();
  }).toPass({ timeout: 15_000 });
  return found!;
}

function parse(file: string): ReceivedSms | undefined {
  const [head, ...rest] = file.split("\n\n");
  const field = (name: string) => head.match(new RegExp(`^${name} : (.*)$`, "m"))?.[1];
  const coding = field("Codage")?.match(/^(.*) · (\d+) segment\(s\)$/);
  const to = field("À");
  if (!to || !coding) return undefined;
  return {
    to,
    from: field("De") ?? "",
    encoding: coding[1],
    segments: Number(coding[2]),
    text: rest.join("\n\n").replace(/\n$/, ""),
  };
}

/** The path of the first link of an SMS's text (`/connexion?tel=…`, `/s/…`). */
export function linkIn(sms: ReceivedSms): string {
  const match = sms.text.match(/https?:\/\/[^\s/]+(\/\S*)/);
  expect(match, `a link in « ${sms.text} »`).toBeTruthy();
  return match![1];
}
