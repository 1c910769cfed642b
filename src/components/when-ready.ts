/**
 * A placeholder that says "Bezig met laden…" until a promise settles, then shows what `render`
 * makes of its value, or a Dutch message (never an error cell) when it fails.
 */

export interface WhenReadyOptions {
  /** Text while waiting. */
  loading?: string;
  /** Dutch message for a failure (the error's own message is added in a smaller line). */
  failure?: (error: unknown) => string;
}

/** @example WhenReady(sql`SELECT 1`, (table) => Inputs.table(table)) */
export function WhenReady<T>(promise: Promise<T>, render: (value: T) => Node | string, {loading = "Bezig met laden…", failure = () => "Dit onderdeel kon niet worden geladen."}: WhenReadyOptions = {}): HTMLElement {
  const root = document.createElement("div");
  root.className = "when-ready";
  const wait = document.createElement("p");
  wait.className = "loading muted";
  wait.setAttribute("aria-busy", "true");
  wait.textContent = loading;
  root.append(wait);
  promise.then(
    (value) => {
      const node = render(value);
      root.replaceChildren(typeof node === "string" ? document.createTextNode(node) : node);
    },
    (error) => {
      const message = document.createElement("p");
      message.className = "sql-error";
      message.setAttribute("role", "alert");
      message.textContent = failure(error);
      root.replaceChildren(message);
    }
  );
  return root;
}
