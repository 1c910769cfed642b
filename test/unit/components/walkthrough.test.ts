// @vitest-environment jsdom
import {describe, expect, test} from "vitest";
import {WhatToLookAt} from "../../../src/components/what-to-look-at.js";
import {PrintHeader} from "../../../src/components/print-header.js";

describe("WhatToLookAt", () => {
  test("renders a titled box; text is never parsed as HTML", () => {
    const box = WhatToLookAt("Kijk naar <b>de piek</b>.");
    expect(box.tagName).toBe("ASIDE");
    expect(box.className).toBe("what-to-look-at");
    expect(box.querySelector("strong")?.textContent).toBe("Waar let je op?");
    expect(box.querySelector("p")?.textContent).toBe("Kijk naar <b>de piek</b>.");
    expect(box.querySelector("b")).toBeNull();
  });
  test("a list of points becomes a list; empty text is rejected", () => {
    const box = WhatToLookAt(["Een.", "Twee."], {title: "Let op"});
    expect([...box.querySelectorAll("li")].map((li) => li.textContent)).toEqual(["Een.", "Twee."]);
    expect(box.getAttribute("aria-label")).toBe("Let op");
    expect(() => WhatToLookAt([])).toThrow("invalid text");
    expect(() => WhatToLookAt(" ")).toThrow("invalid text");
  });
});

describe("PrintHeader", () => {
  test("is a print-only cover with the theme, the page and the cover line", () => {
    const header = PrintHeader({level: "openbaar", source: "x<script>", suppress_below: 5, first_month: null, last_month: null, incidents: 0, theme: "fietsdiefstal"}, {title: "Gemeenterapport Borne"});
    expect(header.classList.contains("print-only")).toBe(true);
    expect(header.textContent).toContain("Fietsdiefstallab");
    expect(header.textContent).toContain("Gemeenterapport Borne");
    expect(header.textContent).toContain("x<script>");
    expect(header.querySelector("script")).toBeNull();
  });
});
