"""api/dashboard/src/ties.js in Chromium: the network view's functions over its ties, at
5,000 partners and 300,000 ties, and on small cases worked out by hand.

The module is served as it is in the source tree (no build) from an origin Playwright
answers itself, so nothing reaches the network.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Route

SRC = Path(__file__).resolve().parents[2] / "api" / "dashboard" / "src"
ORIGIN = "http://ties.test"


@pytest.fixture(scope="module")
def page(browser: Browser) -> Iterator[Page]:
    page = browser.new_page()

    def serve(route: Route) -> None:
        path = route.request.url.removeprefix(ORIGIN)
        if path == "/ties.js":
            route.fulfill(body=(SRC / "ties.js").read_text(), content_type="text/javascript")
        else:
            route.fulfill(body="<!doctype html><title>ties</title>", content_type="text/html")

    page.route(f"{ORIGIN}/**", serve)
    page.goto(f"{ORIGIN}/")
    yield page
    page.close()


def run(page: Page, body: str, arg: Any = None) -> Any:
    """Evaluate `body` (an async function body with `t` = the module and `arg`)."""
    return page.evaluate(f"async (arg) => {{ const t = await import('{ORIGIN}/ties.js'); {body} }}",
                         arg)


# A random graph with 5,000 nodes and 300,000 ties (distinct pairs), weights 1..200.
BIG = """
  let seed = 7;
  const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 4294967296);
  const n = 5000, m = 300000, seen = new Set(), s = [], tg = [], w = [];
  while (s.length < m) {
    const a = Math.floor(rand() * n), b = Math.floor(rand() * n);
    if (a === b) continue;
    const k = a < b ? a * n + b : b * n + a;
    if (seen.has(k)) continue;
    seen.add(k); s.push(Math.min(a, b)); tg.push(Math.max(a, b)); w.push(1 + Math.floor(rand() * 200));
  }
  const ties = t.compactTies(n, s, tg, w);
"""


def test_300k_ties_never_overflow_the_stack(page: Page) -> None:
    out = run(page, BIG + """
      const drawn = t.tiesToDraw(ties, 50000);
      const visible = new Uint8Array(n).fill(1);
      const [lo, hi] = t.extent(w, 0);
      return { m: ties.m, maxWeight: ties.maxWeight, degreeSum: ties.degree.reduce((a, d) => a + d, 0),
               drawn: drawn.length, shown: t.countShown(ties, visible),
               shownDrawn: t.countShown(ties, visible, drawn), hi, lo,
               ofZero: t.tiesOf(ties, 0).length === ties.degree[0] };""")
    assert out == {"m": 300000, "maxWeight": 200, "degreeSum": 600000, "drawn": 50000,
                   "shown": 300000, "shownDrawn": 50000, "hi": 200, "lo": 0, "ofZero": True}


def test_the_ties_drawn_keep_each_partners_strongest_then_the_strongest_overall(page) -> None:
    out = run(page, BIG + """
      const drawn = t.tiesToDraw(ties, 50000, 2);
      const taken = new Uint8Array(ties.m);
      for (const j of drawn) taken[j] = 1;
      // each node's two strongest ties, among all and among those drawn
      const top2 = (pick) => {
        const a = new Float64Array(n).fill(-1), b = new Float64Array(n).fill(-1);
        for (let j = 0; j < ties.m; j += 1) {
          if (!pick(j)) continue;
          for (const i of [s[j], tg[j]]) {
            if (w[j] > a[i]) { b[i] = a[i]; a[i] = w[j]; } else if (w[j] > b[i]) b[i] = w[j];
          }
        }
        return [a, b];
      };
      const [allA, allB] = top2(() => true);
      const [drawnA, drawnB] = top2((j) => taken[j] === 1);
      let keptOwnStrongest = true;
      for (let i = 0; i < n; i += 1) if (drawnA[i] < allA[i] || drawnB[i] < allB[i]) keptOwnStrongest = false;
      // the order is by weight; beyond the reserved ties, none left out is stronger than the
      // last one drawn
      const order = t.byWeight(ties);
      let sorted = true;
      for (let k = 1; k < order.length; k += 1) if (w[order[k - 1]] < w[order[k]]) sorted = false;
      let strongestLeft = 0;
      for (let j = 0; j < ties.m; j += 1) if (!taken[j]) strongestLeft = Math.max(strongestLeft, w[j]);
      return { keptOwnStrongest, sorted, unique: new Set(drawn).size === drawn.length,
               strongestLeftNotAboveMostDrawn: strongestLeft <= w[drawn[drawn.length - 1]] };""")
    assert out == {"keptOwnStrongest": True, "sorted": True, "unique": True,
                   "strongestLeftNotAboveMostDrawn": True}


def test_small_cases_by_hand(page: Page) -> None:
    # A path 0–1–2–3 (weights 5, 1, 3) and a tie 0–2 (weight 2).
    out = run(page, """
      const ties = t.compactTies(4, [0, 1, 2, 0], [1, 2, 3, 2], [5, 1, 3, 2]);
      return { degree: Array.from(ties.degree), order: Array.from(t.byWeight(ties)),
               all: Array.from(t.tiesToDraw(ties, 10)), two: Array.from(t.tiesToDraw(ties, 2, 1)),
               of2: t.tiesOf(ties, 2), shown: t.countShown(ties, Uint8Array.from([1, 1, 1, 0])),
               deg: Array.from(t.shownDegree(ties, Uint8Array.from([1, 1, 1, 0]))),
               extent: t.extent([null, 0.5, 0.25, null], 0), flat: t.extent([3, 3], 3) };""")
    assert out["degree"] == [2, 2, 3, 1]
    assert out["order"] == [0, 2, 3, 1]  # weights 5, 3, 2, 1
    assert out["all"] == [0, 1, 2, 3]
    # One reserved tie each: 0–1 (5) covers 0 and 1, 2–3 (3) covers 2 and 3; the budget is met.
    assert out["two"] == [0, 2]
    assert out["of2"] == [[3, 3], [0, 2], [1, 1]]
    assert out["shown"] == 3 and out["deg"] == [2, 2, 2, 0]
    assert out["extent"] == [0, 0.5]
    assert out["flat"][0] == 3 and out["flat"][1] > 3


def test_work_in_slices_yields_and_can_be_cancelled(page: Page) -> None:
    out = run(page, """
      let turns = 0, stop = false;
      const tick = setInterval(() => { turns += 1; }, 0);
      const seen = [];
      await t.inSlices(20000, (i) => { seen.push(i); const x = performance.now() + 0.002;
                                        while (performance.now() < x); }, { sliceMs: 5 });
      const done = seen.length === 20000 && seen.every((v, i) => v === i);
      let cancelled = false;
      try {
        await t.inSlices(1e9, (i) => { if (i === 5000) stop = true; }, { cancelled: () => stop });
      } catch (e) { cancelled = e instanceof t.Cancelled; }
      clearInterval(tick);
      return { done, yielded: turns > 0, cancelled };""")
    assert out == {"done": True, "yielded": True, "cancelled": True}
