/**
 * The page-wide filter bar: period, municipality and soort, synchronised with the URL (so a view
 * can be shared, and travels with every link: src/lib/view-links.ts), with a reset and a "deel deze
 * weergave" link; a sentence under it says which period the page shows. Implements Observable's view protocol (`value` + "input" events):
 * `const filters = view(FilterBar(domain, {names}))`.
 */
import {defaultFilters, defaultPeriodPhrase, filterText, monthName, readFilters, soortOptions, writeFilters, type FilterDomain, type PageFilters} from "../lib/filters.js";
import {THEMES, type Theme} from "../lib/theme.js";

export interface FilterBarOptions {
  /** Municipality names by code. */
  names?: ReadonlyMap<string, string>;
  /** Whether to offer the soort filter (default true). */
  soort?: boolean;
  /** The build's theme, for the soort labels and the printed sentence (default woninginbraak). */
  theme?: Theme;
}

function select(label: string, name: string, options: [string, string][], value: string): HTMLLabelElement {
  const wrapper = document.createElement("label");
  wrapper.className = "filter";
  const caption = document.createElement("span");
  caption.textContent = label;
  const input = document.createElement("select");
  input.name = name;
  for (const [v, text] of options) {
    const option = document.createElement("option");
    option.value = v;
    option.textContent = text;
    input.append(option);
  }
  input.value = value;
  wrapper.append(caption, input);
  return wrapper;
}

/**
 * Returns the filter bar: the form (hidden in print) and the filters as a sentence (shown only in
 * print). Its `value` is the current {@link PageFilters}.
 */
export function FilterBar(domain: FilterDomain, {names = new Map(), soort = true, theme = THEMES.woninginbraak}: FilterBarOptions = {}): HTMLDivElement & {value: PageFilters} {
  const root = document.createElement("div") as HTMLDivElement & {value: PageFilters};
  const form = document.createElement("form");
  form.className = "filter-bar no-print";
  form.setAttribute("data-filters", "");
  const months: [string, string][] = domain.months.map((m) => [m, monthName(m)]);
  let value = readFilters(location.search, domain);
  const from = select("Van", "van", months, value.from);
  const to = select("Tot en met", "tot", months, value.to);
  const gemeente = select("Gebied", "gemeente", [["regio", "Heel de regio"], ...domain.gemeenten.map((c): [string, string] => [c, names.get(c) ?? c])], value.gemeente);
  const kind = select("Soort", "soort", soortOptions(theme), value.soort);
  const reset = document.createElement("button");
  reset.type = "button";
  reset.textContent = "Herstel";
  reset.className = "filter-reset";
  const share = document.createElement("a");
  share.className = "share-view";
  share.textContent = "Deel deze weergave";
  share.title = "Kopieert de link naar precies deze weergave (periode, gebied, soort)";
  share.addEventListener("click", (event) => {
    event.preventDefault();
    navigator.clipboard?.writeText(share.href).then(() => (share.textContent = "Link gekopieerd"), () => undefined);
  });
  form.append(from, to, gemeente, ...(soort ? [kind] : []), reset, share);
  const print = document.createElement("p");
  print.className = "filter-text small muted";
  print.setAttribute("data-period", "");
  const describe = (next: PageFilters) => {
    const standard = defaultFilters(domain);
    const isDefault = next.from === standard.from && next.to === standard.to;
    print.textContent = `Deze pagina toont: ${filterText(next, names, theme)}${isDefault ? ` Standaard is dat ${defaultPeriodPhrase(domain.months, domain.period, domain.partial)}.` : ""}`;
    share.href = location.href;
    share.textContent = "Deel deze weergave";
  };

  const field = (l: HTMLLabelElement) => l.querySelector("select")!;
  const update = (next: PageFilters) => {
    value = next;
    for (const [l, v] of [[from, next.from], [to, next.to], [gemeente, next.gemeente], [kind, next.soort]] as const) field(l).value = v;
    history.replaceState(history.state, "", location.pathname + writeFilters(next, domain) + location.hash);
    describe(next);
    root.dispatchEvent(new Event("input", {bubbles: true}));
  };
  form.addEventListener("change", (event) => {
    event.stopPropagation();
    const params = `?van=${field(from).value}&tot=${field(to).value}&gemeente=${field(gemeente).value}&soort=${field(kind).value}`;
    update(readFilters(params, domain));
  });
  reset.addEventListener("click", () => update(defaultFilters(domain)));
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", (event) => event.stopPropagation());
  Object.defineProperty(root, "value", {get: () => value, set: (v: PageFilters) => update(v)});
  describe(value);
  root.append(form, print);
  return root;
}
