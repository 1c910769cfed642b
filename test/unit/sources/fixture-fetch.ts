/**
 * A fake fetch serving the CBS/PDOK fixtures in test/fixtures/cbs, routed by URL like the real
 * services: <table>/<Entity>[.skip<N>].json for CBS OData, gebieden/items[.cursor<N>].json for
 * boundaries. Every requested URL is logged; an unknown URL answers HTTP 404.
 */
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import type {FetchLike} from "../../../loaders/sources/cbs-odata.js";

export const CBS_FIXTURES = "test/fixtures/cbs";

export function fixtureFetch({log = [], transform}: {log?: string[]; transform?: (url: URL, body: Record<string, unknown>) => Record<string, unknown>} = {}): FetchLike {
  return async (url) => {
    log.push(url);
    const u = new URL(url);
    const parts = u.pathname.split("/").filter(Boolean);
    let file: string;
    if (u.hostname.endsWith("cbs.nl")) {
      const [table, entity] = parts.slice(-2);
      const skip = u.searchParams.get("$skip");
      file = join(CBS_FIXTURES, table, `${entity}${skip ? `.skip${skip}` : ""}.json`);
    } else {
      const cursor = u.searchParams.get("cursor");
      file = join(CBS_FIXTURES, "gebieden", `items${cursor ? `.cursor${cursor}` : ""}.json`);
    }
    if (!existsSync(file)) return {ok: false, status: 404, statusText: "Not Found", json: async () => ({})};
    const body = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    return {ok: true, status: 200, statusText: "OK", json: async () => (transform ? transform(u, body) : body)};
  };
}

/** A fetch that fails like Node's fetch does without a network. */
export const offlineFetch: FetchLike = async () => {
  throw new TypeError("fetch failed", {cause: Object.assign(new Error("getaddrinfo ENOTFOUND opendata.cbs.nl"), {code: "ENOTFOUND"})});
};
