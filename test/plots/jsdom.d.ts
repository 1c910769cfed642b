// jsdom comes with @observablehq/framework's dependency tree, without its type package.
declare module "jsdom" {
  export class JSDOM {
    constructor(html?: string, options?: Record<string, unknown>);
    readonly window: Window & typeof globalThis & {HTMLCanvasElement: typeof HTMLCanvasElement};
  }
}
