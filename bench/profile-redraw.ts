/**
 * Where a filter change spends its time: opens one page of a built site in headless Chromium,
 * changes the page's gemeente filter a number of times under the V8 CPU profiler, and prints the
 * redraw times and the functions with the most self time (by script). A developer tool behind the
 * redraw figures of bench/browser.bench.ts; it asserts nothing.
 *
 * Usage: npx tsx bench/profile-redraw.ts [--site dist | --url http://127.0.0.1:3000/] [--page overzicht] [--changes 10] [--top 25]
 * (`--url` profiles a running `npm run dev` preview, which picks up page edits without a build.)
 */
import {join} from "node:path";
import {launchBrowser} from "../test/e2e/browser.js";
import {ROOT} from "../test/e2e/build.js";
import {serveStatic} from "../test/e2e/server.js";
import {timeRedraw} from "./lib/redraw.js";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};

interface ProfileNode {
  id: number;
  callFrame: {functionName: string; url: string; lineNumber: number};
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function (ms), from a V8 CPU profile. */
export function selfTimes(profile: Profile): {name: string; ms: number}[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    const file = frame.url.split("/").pop() || "(native)";
    const key = `${frame.functionName || "(anonymous)"}  ${file}:${frame.lineNumber + 1}`;
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals].map(([name, ms]) => ({name, ms})).sort((a, b) => b.ms - a.ms);
}

async function main() {
  const site = join(ROOT, option("site", "dist"));
  const page = option("page", "overzicht");
  const changes = Number(option("changes", "10"));
  const top = Number(option("top", "25"));
  const server = args.includes("--url") ? {url: option("url", ""), close: async () => {}} : await serveStatic(site);
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({viewport: {width: 1280, height: 900}});
    const tab = await context.newPage();
    await tab.goto(server.url + (page === "index" ? "" : page));
    await tab.waitForSelector("[data-main-chart] svg", {timeout: 120_000});
    await tab.waitForLoadState("networkidle");
    const select = (await tab.$("form[data-filters] select[name=gemeente]")) ?? (await tab.$("form select"));
    if (!select) throw new Error(`${page}: no filter select on the page`);
    const options = await select.$$eval("option", (os) => os.map((o) => (o as HTMLOptionElement).value));
    const cdp = await context.newCDPSession(tab);
    const metrics = async () => Object.fromEntries(((await cdp.send("Performance.getMetrics")) as {metrics: {name: string; value: number}[]}).metrics.map((m) => [m.name, m.value]));
    await cdp.send("Performance.enable");
    const m0 = await metrics();
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", {interval: 100});
    await cdp.send("Profiler.start");
    const times: number[] = [];
    for (let i = 0; i < changes; i++) {
      times.push(await timeRedraw(tab, select, options[(i + 1) % options.length]));
    }
    const {profile} = (await cdp.send("Profiler.stop")) as unknown as {profile: Profile};
    const m1 = await metrics();
    const perChange = (name: string) => `${name.replace("Duration", "")} ${(((m1[name] ?? 0) - (m0[name] ?? 0)) * 1000 / changes).toFixed(1)}`;
    console.log(`per change, ms: ${["TaskDuration", "ScriptDuration", "RecalcStyleDuration", "LayoutDuration"].map(perChange).join(", ")}`);
    const total = profile.timeDeltas.reduce((s, d) => s + d, 0) / 1000;
    console.log(`${page}: redraws ms ${times.join(", ")}; profiled ${total.toFixed(0)} ms`);
    for (const {name, ms} of selfTimes(profile).slice(0, top)) console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
