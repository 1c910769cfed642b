// The browser launcher moved to scripts/lib/browser.ts (shared with `npm run pdf`).
export {CHROMIUM, launchBrowser} from "../../scripts/lib/browser.js";
