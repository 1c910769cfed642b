/** Headless Chromium (Debian's package) driven by playwright-core, with no outside networking. */
import {chromium, type Browser, type Page} from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * The proxy every non-loopback request is sent to: a port nothing listens on, so such a request fails
 * at once (net::ERR_PROXY_CONNECTION_FAILED) and never leaves the machine. Chromium sends loopback
 * requests directly (its implicit proxy bypass), so a site served on 127.0.0.1 loads as usual.
 */
export const DEAD_PROXY = "http://127.0.0.1:9";

/**
 * Launches headless Chromium with every background network feature switched off and every request
 * to another host refused at {@link DEAD_PROXY}. Playwright gives each launch a fresh temporary
 * profile (the `--user-data-dir` of the probe).
 * The proxy flag is passed directly, not as Playwright's `proxy` option, which would also send
 * loopback through the proxy (`<-loopback>`). Refusing requests here rather than intercepting every
 * request in Playwright (`context.route`) made a page visit of the browser tests cost about 10% less
 * CPU: each intercepted request was a round trip between Chromium and Node (docs/performance.md).
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
      `--proxy-server=${DEAD_PROXY}`,
      // Chromium 156 prewarms the omnibox's WebUI popups for every new window (each browser
      // context is one): about 1.4 s of a second renderer's CPU per context, which made each
      // page visit of the browser tests cost about twice its own rendering.
      "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup"
    ]
  });
}

/**
 * Starts watching a page (call before `goto`) and returns a function that waits until the page is
 * quiet: no request in flight and neither a request nor a DOM change for `quiet` ms (cells done,
 * charts drawn, tables filled), or until `timeout` has passed. It resolves to whether the page went
 * quiet; a page that never does is then checked (or printed) as it stands.
 * It replaces networkidle (500 ms without a request) plus a fixed pause: a DOM change also counts
 * as activity, so a cell still drawing holds the wait, and a page that is done is not waited on.
 * @example const quiet = await watchQuiet(page); await page.goto(url); await quiet();
 */
export async function watchQuiet(page: Page): Promise<(options?: {quiet?: number; timeout?: number}) => Promise<boolean>> {
  const inFlight = new Set<unknown>();
  let lastRequest = Date.now();
  const done = (request: unknown) => {
    inFlight.delete(request);
    lastRequest = Date.now();
  };
  page.on("request", (request) => {
    inFlight.add(request);
    lastRequest = Date.now();
  });
  page.on("requestfinished", done);
  page.on("requestfailed", done);
  await page.addInitScript(() => {
    const w = window as unknown as {__lastChange: number};
    w.__lastChange = performance.now();
    new MutationObserver(() => (w.__lastChange = performance.now())).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  });
  return async ({quiet = 300, timeout = 10_000} = {}) => {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      const sinceChange = await page.evaluate(() => performance.now() - ((window as unknown as {__lastChange?: number}).__lastChange ?? 0));
      if (inFlight.size === 0 && Date.now() - lastRequest >= quiet && sinceChange >= quiet) return true;
      await page.waitForTimeout(50);
    }
    return false;
  };
}
