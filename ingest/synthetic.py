"""A deterministic synthetic data set at any scale, in the importer's CSV layout.

    generate("out/", partners=100_000, agreements=200_000, activities=200_000, seed=7)

Structure, so that metrics behave as on real data rather than on a random graph:

- regional clustering: partners sit in contiguous blocks, one per regional desk; most ties
  stay inside the block of the agreement's or activity's home region;
- heavy tails: within a block a partner is drawn by a Zipf-like rank (low index = popular),
  mixed with a uniform draw so that the long tail still gets some ties;
- a few global hubs (international organisations at the first indices) joined from every
  region;
- multilateral conventions and protocols with many state parties (each with its own
  signed/ratified dates), but mostly bilateral or small agreements.

Memory stays bounded whatever the size: every partner attribute is a pure function of its
index (a hash of seed and index), so nothing is remembered between rows, and each row goes to
disk as soon as it is made. Same arguments → byte-identical files.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import math
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Generic, TypeVar

from graph.model import Focus, RegionCode
from graph.regions import REGION_OF
from ingest.csv_sink import CsvSink
from ingest.demo_build import OBJECTIVES, PLATFORMS, REFERENCE

Progress = Callable[[str, int, int], None]
T = TypeVar("T")

_REGION_WEIGHTS = {RegionCode.EUROPE: 28, RegionCode.ASIA_SOUTH_PACIFIC: 26,
                   RegionCode.AMERICAS: 20, RegionCode.AFRICA: 17, RegionCode.MENA: 9}
_PARTNER_KINDS = {"law_enforcement": 22, "government": 6, "private_sector": 32, "cert": 10,
                  "academia": 14, "ngo": 12, "international_org": 4}
_HUB_COUNTRIES = ["FR", "NL", "AT", "CH", "BE", "US", "SG", "JP", "KE", "ET", "AE", "BR"]
_AGREEMENT_KINDS = {"data_sharing": 35, "nda": 12, "service_agreement": 12, "mou": 20,
                    "cooperation_agreement": 20.6, "convention": 0.2, "protocol": 0.2}
_BILATERAL = {"data_sharing", "nda", "service_agreement"}
_STATUSES = {"active": 62, "expired": 18, "draft": 8, "suspended": 6, "terminated": 6}
_ACTIVITY_KINDS = {"operation": 30, "training": 20, "capacity_building": 14, "workshop": 10,
                   "information_exchange": 16, "research": 5, "awareness_campaign": 5}
_DURATION = {"operation": (20, 240), "training": (2, 10), "capacity_building": (90, 720),
             "workshop": (1, 3), "information_exchange": (30, 365), "research": (180, 720),
             "awareness_campaign": (30, 120)}
_ACTIVITY_OBJECTIVES = {"operation": "OBJ-2", "training": "OBJ-3.1", "capacity_building": "OBJ-3.1",
                        "workshop": "OBJ-3.3", "information_exchange": "OBJ-1;OBJ-3.2",
                        "research": "OBJ-1", "awareness_campaign": "OBJ-2"}
_AGREEMENT_SCOPE = {"data_sharing": "information_sharing", "nda": "information_sharing",
                    "service_agreement": "technical_assistance",
                    "mou": "information_sharing;capacity_building",
                    "cooperation_agreement": "information_sharing;joint_operations",
                    "convention": "information_sharing;joint_operations;technical_assistance",
                    "protocol": "information_sharing;joint_operations"}
_AGREEMENT_OBJECTIVES = {"data_sharing": "OBJ-1", "nda": "OBJ-1", "service_agreement": "OBJ-3.1",
                         "mou": "OBJ-3.3", "cooperation_agreement": "OBJ-2;OBJ-3.3",
                         "convention": "OBJ-4", "protocol": "OBJ-4"}
_TLPS = {"clear": 35, "green": 40, "amber": 15, "amber+strict": 6, "red": 4}
_FOCUS = [f.value for f in Focus]
# The figures the generator fills, and so the activities' columns it writes.
_OUTCOMES = ["arrests", "takedowns", "people_trained", "reports_shared"]
_AT = {name: i for i, name in enumerate(_OUTCOMES)}  # outcome column positions
# The columns the generator fills (ingest/formats.py has more), so the files stay lean.
LAYOUT: dict[str, tuple[str, ...]] = {
    "partners": ("id", "name", "kind", "country", "sector", "aliases", "website",
                 "description", "source"),
    "agreements": ("id", "title", "kind", "status", "signed_on", "effective_from",
                   "expires_on", "binding", "scope", "tlp", "objectives", "source"),
    "agreement_parties": ("agreement_id", "partner_id", "role", "signed_on", "ratified_on"),
    "activities": ("id", "name", "kind", "status", "start", "end", "focus", "tlp",
                   "objectives", "source", *_OUTCOMES),
    "activity_participants": ("activity_id", "partner_id", "role"),
}


class _Choice(Generic[T]):
    """Weighted choice from a fixed table with one random() and a bisect (fast, reproducible)."""

    def __init__(self, weights: Mapping[T, float]) -> None:
        self.values = list(weights)
        self.cum = list(accumulate(weights.values()))

    def __call__(self, rng: random.Random) -> T:
        return self.values[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]


def _seed(seed: int, stream: str) -> int:
    """Independent streams per file: more activities never shift the agreements' draws."""
    return int.from_bytes(hashlib.sha256(f"{seed}:{stream}".encode()).digest()[:8], "big")


def _mix(x: int) -> int:
    """splitmix64 finaliser: a cheap, well-spread hash for index → attribute."""
    x = (x + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return x ^ (x >> 31)


@dataclass
class _Layout:
    """Where each partner sits, by index arithmetic only (O(regions) memory).

    [0, hubs) are global hubs; then one block per region, whose first entries are the
    governments of that region's countries (the states that sign conventions).
    """

    partners: int
    seed: int
    hubs: int = 0
    regions: list[RegionCode] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    countries: list[list[str]] = field(default_factory=list)
    govs: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        # A few global hubs: 3 in a small set, about one per 3,000 partners, at most 100.
        self.hubs = min(100, max(3, self.partners // 3000)) if self.partners >= 50 else 0
        self.regions = list(_REGION_WEIGHTS)
        rest = self.partners - self.hubs
        total = sum(_REGION_WEIGHTS.values())
        self.sizes = [rest * w // total for w in _REGION_WEIGHTS.values()]
        self.sizes[0] += rest - sum(self.sizes)  # rounding goes to the first block
        self.starts = list(accumulate([self.hubs] + self.sizes[:-1]))
        self.countries = [sorted(c for c, r in REGION_OF.items() if r == region) for region in self.regions]
        # A block keeps at least 90% non-governments, so small sets still have agencies.
        self.govs = [min(len(cs), size // 10) for cs, size in zip(self.countries, self.sizes)]
        self._salt = _seed(self.seed, "partners")

    def region_index(self, i: int) -> int:
        return bisect.bisect_right(self.starts, i) - 1

    def describe(self, i: int) -> tuple[str, str, str | None]:
        """kind, country, region code (None for global hubs) of partner i."""
        h = _mix(self._salt ^ i)
        if i < self.hubs:
            return "international_org", _HUB_COUNTRIES[h % len(_HUB_COUNTRIES)], None
        r = self.region_index(i)
        j = i - self.starts[r]
        if j < self.govs[r]:
            return "government", self.countries[r][j], self.regions[r].value
        kind = _KIND_BY_HASH[(h >> 8) % len(_KIND_BY_HASH)]
        # Countries are Zipf-ish too: a few big countries hold most partners of a region.
        cs = self.countries[r]
        country = cs[int(math.exp(((h >> 32) % 10_000) / 10_000 * math.log(len(cs) + 1))) - 1]
        return kind, country, self.regions[r].value

    def kind(self, i: int) -> str:
        if i < self.hubs:
            return "international_org"
        r = self.region_index(i)
        if i - self.starts[r] < self.govs[r]:
            return "government"
        return _KIND_BY_HASH[(_mix(self._salt ^ i) >> 8) % len(_KIND_BY_HASH)]


# 100 slots in the proportions of _PARTNER_KINDS, indexed by hash.
_KIND_BY_HASH = [k for k, w in _PARTNER_KINDS.items() for _ in range(w)]


def _rank(rng: random.Random, n: int, tail: float) -> int:
    """0 ≤ rank < n: with probability `tail` log-uniform (P(k) ≈ 1/k, the hubs), else uniform."""
    if rng.random() < tail:
        return min(n - 1, int(math.exp(rng.random() * math.log(n + 1))) - 1)
    return int(rng.random() * n)


class _Picker:
    """Draws partners for one agreement or activity: home region mostly, hubs sometimes."""

    def __init__(self, layout: _Layout, rng: random.Random, *, hub_share: float,
                 cross_share: float, tail: float) -> None:
        self.l, self.rng = layout, rng
        self.hub_share, self.cross_share, self.tail = hub_share, cross_share, tail
        self.region_choice = _Choice(dict(enumerate(_REGION_WEIGHTS.values())))

    def home(self) -> int:
        return self.region_choice(self.rng)

    def one(self, home: int) -> int:
        rng, lay = self.rng, self.l
        x = rng.random()
        if lay.hubs and x < self.hub_share:
            return _rank(rng, lay.hubs, 0.8)
        r = home if x >= self.hub_share + self.cross_share else self.region_choice(rng)
        n = lay.sizes[r] - lay.govs[r]
        if n <= 0:  # an empty block in a tiny set: any partner will do
            return int(rng.random() * lay.partners)
        return lay.starts[r] + lay.govs[r] + _rank(rng, n, self.tail)

    def distinct(self, home: int, size: int) -> list[int]:
        chosen: list[int] = []
        tries = 0
        while len(chosen) < size and tries < size * 4:  # tiny sets may hold fewer partners
            tries += 1
            p = self.one(home)
            if p not in chosen:
                chosen.append(p)
        return chosen


def _pid(i: int) -> str:
    return f"P{i:07d}"


def _date(ordinal: int) -> str:
    return dt.date.fromordinal(ordinal).isoformat()


def generate(out_dir: Path | str, *, partners: int = 1000, agreements: int = 2000,
             activities: int = 2000, seed: int = 0, reference: dt.date = REFERENCE,
             hub_share: float = 0.06, cross_region_share: float = 0.12, tail: float = 0.5,
             progress: Progress | None = None) -> dict[str, int]:
    """Write the eight CSV files to `out_dir` and return the number of rows per file.

    hub_share and cross_region_share are the chances that a tie goes to a global hub or to
    another region than the home one; tail is the share of draws taken from the Zipf-like
    rank rather than uniformly (higher = heavier tail, more concentrated hubs).
    """
    if partners < 2:
        raise ValueError("partners must be at least 2 (agreements need two parties)")
    layout = _Layout(partners, seed)
    ref = reference.toordinal()
    report = progress or (lambda stage, done, total: None)
    with CsvSink(out_dir, LAYOUT) as sink:
        for oid, title, desc in OBJECTIVES:
            sink.write_values("objectives", (oid, title, desc))
        for plid, name, desc in PLATFORMS:
            sink.write_values("platforms", (plid, name, desc))
        _partners(sink, layout, seed, ref, report)
        _agreements(sink, layout, agreements, seed, ref, hub_share, cross_region_share, tail, report)
        _activities(sink, layout, activities, seed, ref, hub_share, cross_region_share, tail, report)
        return dict(sink.counts)


_STEP = 10_000  # progress granularity


def _partners(sink: CsvSink, layout: _Layout, seed: int, ref: int, report: Progress) -> None:
    rng = random.Random(_seed(seed, "platform_use"))
    platform_ids = [p[0] for p in PLATFORMS]
    ref_year = dt.date.fromordinal(ref).year
    for i in range(layout.partners):
        kind, country, region = layout.describe(i)
        pid = _pid(i)
        if i < layout.hubs:
            name = f"Synthetic global organisation {i}"
        elif kind == "government":
            # Several government bodies per country: each a name of its own, or they would
            # be one organisation to the importer's resolution (ingest/resolution.py).
            name = f"Synthetic government body {i} ({country})"
        else:
            name = f"Synthetic {kind.replace('_', ' ')} {i} ({country})"
        sink.write_values("partners", (pid, name, kind, country, "", "", "", "", "synthetic"))
        # Platform adoption: hubs and public bodies use more; the popular platforms first.
        uses = min(len(platform_ids), int(rng.random() * (4 if kind != "private_sector" else 2)))
        seen: set[int] = set()
        for _ in range(uses):
            k = _rank(rng, len(platform_ids), 0.7)
            if k not in seen:
                seen.add(k)
                sink.write_values("platform_use", (pid, platform_ids[k], str(ref_year - int(rng.random() * 12))))
        if i % _STEP == 0 or i == layout.partners - 1:
            report("partners", i + 1, layout.partners)


def _agreements(sink: CsvSink, layout: _Layout, count: int, seed: int, ref: int, hub_share: float,
                cross: float, tail: float, report: Progress) -> None:
    rng = random.Random(_seed(seed, "agreements"))
    pick = _Picker(layout, rng, hub_share=hub_share, cross_share=cross, tail=tail)
    kinds, statuses, tlps = _Choice(_AGREEMENT_KINDS), _Choice(_STATUSES), _Choice(_TLPS)
    for n in range(count):
        aid = f"A{n:07d}"
        kind, status = kinds(rng), statuses(rng)
        home = pick.home()
        signed = ref - 120 - int(rng.random() * 5000)
        expires: int | None
        if status == "draft":
            signed_s = effective_s = expires_s = ""
        else:
            if status == "expired":
                expires = ref - 1 - int(rng.random() * 1500)
                signed = min(signed, expires - 365)
            elif kind in ("convention", "protocol", "mou") and rng.random() < 0.7:
                expires = None  # open-ended
            else:
                # Spread over the next six years: about 4% land within 90 days.
                expires = ref + int(rng.random() * 2200)
            signed_s = _date(signed)
            effective_s = _date(signed + int(rng.random() * 60))
            expires_s = _date(expires) if expires is not None else ""
        tlp = "clear" if kind in ("convention", "protocol") else tlps(rng)
        sink.write_values("agreements", (
            aid, f"Synthetic {kind.replace('_', ' ')} {n}", kind, status, signed_s, effective_s,
            expires_s, "false" if kind == "mou" else "true", _AGREEMENT_SCOPE[kind], tlp,
            _AGREEMENT_OBJECTIVES[kind], "synthetic"))
        if kind in ("convention", "protocol"):
            _treaty_parties(sink, layout, rng, aid, home, signed_s, signed, ref)
            continue
        if kind in _BILATERAL:
            size = 2
        else:  # small consortia, occasionally large: a heavy tail (Pareto, capped)
            size = min(60, 1 + int(rng.paretovariate(1.4) * 1.15))
            size = max(size, 2)
        for p in pick.distinct(home, size):
            sink.write_values("agreement_parties", (aid, _pid(p), "party", signed_s, ""))
        if n % _STEP == 0 or n == count - 1:
            report("agreements", n + 1, count)


def _treaty_parties(sink: CsvSink, layout: _Layout, rng: random.Random, aid: str, home: int,
                    signed_s: str, signed: int, ref: int) -> None:
    """Many states of the home region (and some beyond), each with its own dates."""
    if layout.hubs:
        sink.write_values("agreement_parties", (aid, _pid(_rank(rng, layout.hubs, 0.8)), "depositary", "", ""))
    regions = [home] + [r for r in range(5) if r != home and rng.random() < 0.3]
    for r in regions:
        for j in range(layout.govs[r]):
            if rng.random() > (0.7 if r == home else 0.3):
                continue
            if not signed_s:  # a draft: states have signed at most
                sink.write_values("agreement_parties", (aid, _pid(layout.starts[r] + j), "signatory", "", ""))
                continue
            s = signed + int(rng.random() * 700)
            rat = s + 90 + int(rng.random() * 1500)
            ratified = rat <= ref and rng.random() < 0.7
            sink.write_values("agreement_parties", (
                aid, _pid(layout.starts[r] + j), "party" if ratified else "signatory",
                _date(min(s, ref)), _date(rat) if ratified else ""))


def _activities(sink: CsvSink, layout: _Layout, count: int, seed: int, ref: int, hub_share: float,
                cross: float, tail: float, report: Progress) -> None:
    rng = random.Random(_seed(seed, "activities"))
    pick = _Picker(layout, rng, hub_share=hub_share, cross_share=cross, tail=tail)
    kinds, tlps = _Choice(_ACTIVITY_KINDS), _Choice(_TLPS)
    n_outcomes = len(_OUTCOMES)
    for n in range(count):
        aid = f"X{n:07d}"
        kind = kinds(rng)
        home = pick.home()
        lo, hi = _DURATION[kind]
        start = ref - 3650 + int(rng.random() * 3900)
        end = start + lo + int(rng.random() * (hi - lo))
        status = "completed" if end < ref else "planned" if start > ref else "ongoing"
        if status == "completed" and rng.random() < 0.03:
            status = "cancelled"
        focus = _FOCUS[int(rng.random() * len(_FOCUS))]
        outcomes = [""] * n_outcomes
        if status == "completed":
            if kind == "operation":
                outcomes[_AT["arrests"]] = str(int(rng.lognormvariate(2, 1.3)))
                outcomes[_AT["takedowns"]] = str(int(rng.lognormvariate(2, 1.5)))
            elif kind in ("training", "capacity_building", "workshop"):
                outcomes[_AT["people_trained"]] = str(8 + int(rng.random() * 120))
            elif kind == "information_exchange":
                outcomes[_AT["reports_shared"]] = str(1 + int(rng.random() * 300))
        sink.write_values("activities", (
            aid, f"Synthetic {kind.replace('_', ' ')} {n}", kind, status, _date(start),
            _date(end) if status != "planned" else "", focus, tlps(rng),
            _ACTIVITY_OBJECTIVES[kind], "synthetic", *outcomes))
        # Mean about five: a lead and a few others, operations sometimes very large.
        size = min(80, 1 + int(rng.paretovariate(1.6) * (2.4 if kind == "operation" else 1.65)))
        for k, p in enumerate(pick.distinct(home, size)):
            pkind = layout.kind(p)
            if k == 0:
                role = "lead"
            elif pkind == "international_org":
                role = "coordinator"
            elif pkind == "private_sector":
                role = "private_partner"
            else:
                x = rng.random()
                role = "sponsor" if x < 0.05 else "observer" if x < 0.1 else "participant"
            sink.write_values("activity_participants", (aid, _pid(p), role))
        if n % _STEP == 0 or n == count - 1:
            report("activities", n + 1, count)
