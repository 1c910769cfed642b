/** Headless Chromium (Debian's package) driven by playwright-core, with no outside networking. */
import {chromium, type Browser} from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Launches headless Chromium with every background network feature switched off. Playwright gives
 * each launch a fresh temporary profile (the `--user-data-dir` of the probe).
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
      // Chromium 156 prewarms the omnibox's WebUI popups for every new window (each browser
      // context is one): about 1.4 s of a second renderer's CPU per context, which made each
      // page visit of the browser tests cost about twice its own rendering.
      "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup"
    ]
  });
}
