"""Coverage gaps: where the network has no active agreement, no recent activity, or loose
ends (agreements about to expire, signatures never ratified, joint work with no agreement).

These are questions about the stored records rather than the projected graph, so each is
one named Cypher query (queries/metrics/gaps_*.cypher and friends); this module turns their
rows into typed findings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from graph.model import Focus
from graph.queries import named
from graph.store import Store

_COUNTRIES = named("metrics/gaps_countries")
_REGIONS = named("metrics/gaps_regions")
_GROUPS = named("metrics/gaps_partner_groups")
_FOCUS = named("metrics/gaps_focus")
_EXPIRING = named("metrics/expiring_agreements")
_UNRATIFIED = named("metrics/unratified_parties")
_UNFRAMED = named("metrics/activities_without_agreement")

# The partner attributes a coverage gap may be grouped by (never taken from user input).
GROUP_ATTRIBUTES = ("sector", "kind")


@dataclass(frozen=True)
class Finding:
    """One gap: what kind, about what, and the figures that show it."""

    kind: str
    subject: str
    detail: dict[str, Any]


@dataclass(frozen=True)
class GapWindow:
    as_of: dt.date
    window_days: int = 365
    expiring_days: int = 90
    tlp_max: int = 2

    @property
    def params(self) -> dict[str, Any]:
        since = self.as_of - dt.timedelta(days=self.window_days)
        return {"as_of": self.as_of.isoformat(), "since": since.isoformat(),
                "tlp_max": self.tlp_max}


def _findings(kind: str, rows: list[dict[str, Any]]) -> list[Finding]:
    return [Finding(kind, str(r["subject"]), {k: v for k, v in r.items() if k != "subject"})
            for r in rows]


def find_gaps(store: Store, window: GapWindow) -> list[Finding]:
    """Every gap finding at `window.as_of`, in a stable order.

    Kinds: `country_gap`, `region_gap`, `sector_gap`, `kind_gap` (no active agreement or no
    activity within `window_days`; the detail's zero says which), `focus_gap` (no activity
    with that focus), `expiring_agreement` (active, expiring within `expiring_days`),
    `unratified` (signed a treaty in force, not ratified), `activity_without_agreement`
    (no two participants share an active agreement).
    """
    p = window.params
    until = (window.as_of + dt.timedelta(days=window.expiring_days)).isoformat()
    found = _findings("country_gap", store.read(_COUNTRIES, **p))
    found += _findings("region_gap", store.read(_REGIONS, **p))
    for attribute in GROUP_ATTRIBUTES:
        found += _findings(f"{attribute}_gap", store.read(_GROUPS, attribute=attribute, **p))
    found += _findings("focus_gap", store.read(_FOCUS, focus=[f.value for f in Focus], **p))
    found += _findings("expiring_agreement", store.read(
        _EXPIRING, as_of=p["as_of"], until=until, tlp_max=p["tlp_max"]))
    unratified = store.read(_UNRATIFIED, tlp_max=p["tlp_max"])
    found += [Finding("unratified", f"{r['subject']}/{r['partner']}", r) for r in unratified]
    found += _findings("activity_without_agreement", store.read(_UNFRAMED, **p))
    return found
