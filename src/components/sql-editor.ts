/**
 * The SQL console's editor: a textarea, a run button (or Ctrl/Cmd+Enter) and example queries that
 * load into the editor and run. Implements Observable's view protocol: its `value` is the query text
 * last run, and it emits "input" when a query is run.
 */
import type {Example} from "../lib/explore.js";

export interface SqlEditorOptions {
  examples?: readonly Example[];
  /** The query shown and run first. */
  value?: string;
}

/** @example const query = view(SqlEditor({examples: EXAMPLES, value: EXAMPLES[0].sql})) */
export function SqlEditor({examples = [], value = ""}: SqlEditorOptions = {}): HTMLFormElement & {value: string} {
  const form = document.createElement("form") as HTMLFormElement & {value: string};
  form.className = "sql-editor";
  form.setAttribute("data-sql-editor", "");
  const label = document.createElement("label");
  label.textContent = "SQL-query (alleen lezen, over de gepubliceerde tabellen)";
  label.className = "small muted";
  const textarea = document.createElement("textarea");
  textarea.name = "query";
  textarea.spellcheck = false;
  textarea.value = value;
  textarea.setAttribute("aria-label", "SQL-query");
  label.append(document.createElement("br"), textarea);
  const run = document.createElement("button");
  run.type = "submit";
  run.textContent = "Uitvoeren";
  run.setAttribute("data-run", "");
  const hint = document.createElement("span");
  hint.className = "small muted";
  hint.textContent = " of Ctrl+Enter";
  form.append(label, run, hint);
  if (examples.length) {
    const list = document.createElement("div");
    list.className = "examples";
    const title = document.createElement("p");
    title.className = "small muted";
    title.textContent = "Voorbeelden (klik om te laden en uit te voeren):";
    list.append(title);
    examples.forEach((example, i) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = example.title;
      button.setAttribute("data-example", String(i));
      button.addEventListener("click", () => {
        textarea.value = example.sql;
        submit();
      });
      list.append(button);
    });
    form.append(list);
  }
  let current = value;
  const submit = () => {
    current = textarea.value;
    form.dispatchEvent(new Event("input", {bubbles: true}));
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit();
  });
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  });
  // Typing must not re-run the query: only submit does.
  textarea.addEventListener("input", (event) => event.stopPropagation());
  Object.defineProperty(form, "value", {get: () => current, set: (v: string) => ((textarea.value = v), (current = v))});
  return form;
}
