/** Timing one filter change in the browser benches: shared by browser.bench.ts and profile-redraw.ts. */
import type {ElementHandle, Page} from "playwright-core";

/**
 * Selects `value` in `select` and waits until the page's main chart is a new SVG element.
 * @returns milliseconds from the change to the redrawn chart (the 30 s timeout counts as redrawn)
 */
export async function timeRedraw(tab: Page, select: ElementHandle, value: string): Promise<number> {
  const before = await tab.$("[data-main-chart] svg");
  const t0 = Date.now();
  await select.selectOption(value);
  await tab.waitForFunction((old) => {
    const svg = document.querySelector("[data-main-chart] svg");
    return svg !== null && svg !== old;
  }, before, {timeout: 30_000}).catch(() => {});
  return Date.now() - t0;
}
