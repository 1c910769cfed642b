/**
 * A search box for a municipality, district, neighbourhood or PC4 area (a text input with a
 * datalist, so it works offline and with the keyboard). Implements Observable's view protocol: its
 * `value` is the chosen {@link Place} or null; an "input" event fires when it changes.
 */
import type {AreaFeature} from "../lib/maps/geometry.js";
import {findPlace, type Place} from "../lib/maps/places.js";
import {placeOfFeature} from "../lib/maps/where.js";

let lists = 0;

export function PlaceSearch(places: readonly Place[], {label = "Zoek een plaats"}: {label?: string} = {}): HTMLFormElement & {value: Place | null} {
  const form = document.createElement("form") as HTMLFormElement & {value: Place | null};
  form.className = "place-search no-print";
  form.setAttribute("data-place-search", "");
  const id = `plaatsen-${++lists}`;
  const caption = document.createElement("label");
  caption.textContent = label;
  caption.htmlFor = `${id}-input`;
  const input = document.createElement("input");
  input.type = "search";
  input.id = `${id}-input`;
  input.name = "plaats";
  input.autocomplete = "off";
  input.placeholder = "gemeente, wijk, buurt of postcode (4 cijfers)";
  input.setAttribute("list", id);
  const list = document.createElement("datalist");
  list.id = id;
  for (const p of places) {
    const option = document.createElement("option");
    option.value = p.label;
    list.append(option);
  }
  const button = document.createElement("button");
  button.type = "submit";
  button.textContent = "Zoek";
  const status = document.createElement("span");
  status.className = "small muted";
  status.setAttribute("aria-live", "polite");
  form.append(caption, input, list, button, status);

  let value: Place | null = null;
  const set = (next: Place | null, announce = true) => {
    value = next;
    status.textContent = next ? `Gekozen: ${next.label}` : "";
    if (announce) form.dispatchEvent(new Event("input", {bubbles: true}));
  };
  const search = () => {
    const text = input.value;
    if (!text.trim()) return set(null);
    const found = findPlace(text, places);
    if (found) {
      input.value = found.label;
      set(found);
    } else {
      status.textContent = `Niet gevonden: "${text}"`;
    }
  };
  // A pick from the list fires "input" with the exact label; typing fires it for every key, so
  // only an exact label is taken at once and anything else waits for Enter or the button.
  input.addEventListener("input", (event) => {
    event.stopPropagation();
    const exact = places.find((p) => p.label === input.value);
    if (exact) set(exact);
    else if (!input.value) set(null);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search();
  });
  Object.defineProperty(form, "value", {
    get: () => value,
    set: (v: Place | null) => {
      input.value = v?.label ?? "";
      set(v, false);
    }
  });
  return form;
}

/**
 * What a click on a map area does: a municipality becomes the page's municipality filter (unless it
 * already is); a district, neighbourhood or postcode becomes the search box's place, as if found.
 * @example AreaMap(features, values, {width, extent, onSelect: selectOnMap(filterBar, placeBox, places)})
 */
export function selectOnMap<F extends {gemeente: string}>(filterBar: {value: F}, placeBox: HTMLElement & {value: Place | null}, places: readonly Place[]): (feature: AreaFeature) => void {
  return (feature) => {
    if (feature.properties.level === "gemeente") {
      if (feature.id !== filterBar.value.gemeente) filterBar.value = {...filterBar.value, gemeente: feature.id};
      return;
    }
    const place = placeOfFeature(places, feature);
    if (place) {
      placeBox.value = place;
      placeBox.dispatchEvent(new Event("input", {bubbles: true}));
    }
  };
}
