import { expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./fixtures";

// `make run` writes mail to a folder and lists it at /courriels (the browser tests' server too).
test("the local mail page says when nothing was sent yet", async ({ page }) => {
  await page.goto("/courriels");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Courriels envoyés");
  await expect(page.locator('[data-test="no-mail"]')).toBeVisible();
  await expectNoAccessibilityViolations(page);
});
