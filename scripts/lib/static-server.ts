/**
 * A minimal static file server for a built site, bound to 127.0.0.1, optionally under a sub-path,
 * resolving Framework's clean URLs (`/wanneer` -> `wanneer.html`) unless `cleanUrls` is false (then it
 * behaves like the plainest static server: exact files, and index.html for a folder).
 * Used by the browser tests and by `npm run pdf`.
 * It caches as a host configured per docs/deployment.md does: Framework's content-addressed files
 * `immutable` for a year, everything else `no-cache` with an ETag, answered with 304 when unchanged
 * (loaders/site/caching.ts). A walk through the site in one tab then loads each library once, as a
 * reader's browser does; without any caching header a walk of 16 pages cost about 40% more CPU
 * (docs/performance.md).
 */
import {createServer, type Server} from "node:http";
import {createReadStream, existsSync, statSync} from "node:fs";
import {extname, join, normalize, relative, sep} from "node:path";
import {cacheControl} from "../../loaders/site/caching.js";

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".arrow": "application/vnd.apache.arrow.stream",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".geojson": "application/geo+json",
  ".pdf": "application/pdf"
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `dir` on 127.0.0.1 at a free port; `base` is the sub-path ("/" or "/a/b/"). */
export async function serveStatic(dir: string, {base = "/", headers = {}, cleanUrls = true}: {base?: string; headers?: Record<string, string>; cleanUrls?: boolean} = {}): Promise<StaticServer> {
  if (!base.startsWith("/") || !base.endsWith("/")) throw new Error(`invalid base: ${base}`);
  const root = normalize(dir);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    let path = decodeURIComponent(url.pathname);
    if (!path.startsWith(base)) return void res.writeHead(404).end("not found");
    path = path.slice(base.length - 1);
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) return void res.writeHead(403).end("forbidden");
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    else if (cleanUrls && !existsSync(file) && existsSync(file + ".html")) file += ".html";
    if (!existsSync(file)) return void res.writeHead(404, {"content-type": "text/plain"}).end("not found");
    const stat = statSync(file);
    const etag = `"${stat.size.toString(16)}-${Math.round(stat.mtimeMs * 1000).toString(16)}"`;
    const common = {"cache-control": cacheControl(relative(root, file)), etag, ...headers};
    if (req.headers["if-none-match"] === etag) return void res.writeHead(304, common).end();
    res.writeHead(200, {"content-type": MIME[extname(file)] ?? "application/octet-stream", ...common});
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("server has no port");
  return {
    url: `http://127.0.0.1:${address.port}${base}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  };
}
