// The one export of @observablehq/inputs (no type declarations) the print test builds tables with.
declare module "@observablehq/inputs" {
  export function table(data: readonly object[], options?: Record<string, unknown>): HTMLFormElement;
}
