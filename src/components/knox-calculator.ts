/**
 * KnoxCalculator: a form to run the Knox test in a Web Worker on the pseudonymised incidents for any
 * bands, with a progress bar and a cancel button. Implements the view protocol: its `value` is the
 * latest result ({result, ms, points} or null) and it dispatches "input" when a run finishes.
 */
import {parseBands} from "../lib/hypotheses/format.js";
import type {KnoxResult} from "../lib/knox.js";

export interface KnoxPointsInput {
  x: Float64Array;
  y: Float64Array;
  t: Float64Array;
}

export interface KnoxRun {
  result: KnoxResult;
  ms: number;
  points: number;
}

export interface KnoxCalculatorOptions {
  /** URL of the bundled worker module (FileAttachment("data/knox-worker.js").url()). */
  workerUrl: string;
  spaceBands?: string;
  timeBands?: string;
}

function field(label: string, input: HTMLElement): HTMLLabelElement {
  const wrapper = document.createElement("label");
  wrapper.style.cssText = "display: flex; flex-direction: column; gap: 2px; font: 13px var(--sans-serif);";
  const caption = document.createElement("span");
  caption.textContent = label;
  wrapper.append(caption, input);
  return wrapper;
}

/** Returns the calculator form. */
export function KnoxCalculator(points: KnoxPointsInput, {workerUrl, spaceBands = "0, 125, 250, 375, 500", timeBands = "0, 7, 14, 21, 28"}: KnoxCalculatorOptions): HTMLFormElement & {value: KnoxRun | null} {
  const form = document.createElement("form") as HTMLFormElement & {value: KnoxRun | null};
  form.setAttribute("data-knox-calculator", "");
  form.style.cssText = "display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; margin: 1rem 0;";
  const space = Object.assign(document.createElement("input"), {name: "space", value: spaceBands, size: 28});
  const time = Object.assign(document.createElement("input"), {name: "time", value: timeBands, size: 22});
  const permutations = document.createElement("select");
  permutations.name = "permutations";
  for (const n of [99, 999, 4999]) permutations.append(Object.assign(document.createElement("option"), {value: String(n), textContent: String(n)}));
  permutations.value = "999";
  const distance = document.createElement("select");
  distance.name = "distance";
  for (const [v, t] of [["euclidean", "hemelsbreed"], ["manhattan", "Manhattan"]]) distance.append(Object.assign(document.createElement("option"), {value: v, textContent: t}));
  const run = Object.assign(document.createElement("button"), {type: "submit", textContent: "Bereken"});
  const cancel = Object.assign(document.createElement("button"), {type: "button", textContent: "Annuleer", disabled: true});
  cancel.name = "cancel";
  const progress = document.createElement("progress");
  progress.max = 1;
  progress.value = 0;
  const status = document.createElement("output");
  status.setAttribute("data-status", "");
  status.style.cssText = "font: 13px var(--sans-serif); flex-basis: 100%;";
  status.textContent = `${points.x.length.toLocaleString("nl-NL")} incidenten met coördinaten klaar voor berekening.`;
  form.append(field("Afstandsgrenzen (m)", space), field("Tijdgrenzen (dagen)", time), field("Permutaties", permutations), field("Afstand", distance), run, cancel, progress, status);

  let value: KnoxRun | null = null;
  let worker: Worker | null = null;
  const finish = () => {
    worker?.terminate();
    worker = null;
    run.disabled = false;
    cancel.disabled = true;
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const s = parseBands(space.value), t = parseBands(time.value);
    if ("error" in s) return void (status.textContent = `Afstandsgrenzen: ${s.error}`);
    if ("error" in t) return void (status.textContent = `Tijdgrenzen: ${t.error}`);
    if (points.x.length < 2) return void (status.textContent = "Te weinig incidenten met coördinaten.");
    finish();
    worker = new Worker(workerUrl, {type: "module"});
    run.disabled = true;
    cancel.disabled = false;
    progress.value = 0;
    status.textContent = "Bezig…";
    worker.onmessage = ({data}) => {
      if (data.type === "progress") progress.value = data.fraction;
      else if (data.type === "result") {
        finish();
        progress.value = 1;
        value = {result: data.result, ms: data.ms, points: points.x.length};
        status.textContent = `Klaar in ${(data.ms / 1000).toLocaleString("nl-NL", {maximumFractionDigits: 1})} s.`;
        form.dispatchEvent(new Event("input", {bubbles: true}));
      } else if (data.type === "error") {
        finish();
        status.textContent = `Fout: ${data.message}`;
      }
    };
    worker.onerror = (event) => {
      finish();
      status.textContent = `De berekening kon niet starten (${event.message || "onbekende fout"}).`;
    };
    // Copies, so the page's arrays stay usable for the next run.
    worker.postMessage({x: points.x.slice(), y: points.y.slice(), t: points.t.slice(), spaceBands: s.breaks, timeBands: t.breaks, permutations: +permutations.value, seed: 1, distance: distance.value});
  });
  cancel.addEventListener("click", () => {
    finish();
    progress.value = 0;
    status.textContent = "Geannuleerd.";
  });
  form.addEventListener("input", (event) => {
    if (event.target !== form) event.stopPropagation();
  });
  Object.defineProperty(form, "value", {get: () => value});
  return form;
}
