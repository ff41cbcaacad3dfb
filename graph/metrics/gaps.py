"""Coverage gaps: where the network has no agreement in force or no recent activity, and
what changes state soon (agreements about to expire, signatures never ratified, consents
and entries into force falling due, joint work with no agreement).

The evidence is read per partner by one named query (queries/metrics/gaps_partners.cypher,
which decides each membership's state at `as_of` and each activity's timing); `coverage`
groups it by country, region, sector and kind as a pure function. The other findings are
one named query each. Three rules make a finding defensible:

- An activity with no start, end or announcement date is of unknown date: never recent.
  The finding counts such activities (`activities_unknown_date`) instead of dropping them.
- Only consent to be bound is coverage. A signatory, a `signature_only` consent, a treaty
  signature with no ratification and no binding consent recorded, or a ratification dated
  after `as_of` is "signed only" at `as_of`; a consent whose entry into force for the
  partner comes after `as_of` is "not yet in force". Invited partners and observers are no
  members. The finding lists the agreements in each state.
- A headquarters is not presence. A country (and a region) is covered only through the
  partners that act for it: its government, law enforcement and CERTs (`ACTOR_KINDS`).
  Companies, NGOs, academia and international organisations based in a country take part
  for themselves, not for the country; the finding counts them apart (`uncounted`).

Every finding's detail says which rules fired (`rules`), the evidence, the dates it was
judged at (`as_of`, and `since` or `until`) and a sentence (`reason`) that says it all.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph.model import (
    BINDING_CONSENT,
    COUNTRY_ACTOR_KINDS,
    REGION_NAMES,
    TREATY_KINDS,
    Focus,
    RegionCode,
)
from graph.queries import named
from graph.regions import countries
from graph.store import Store

_PARTNERS = named("metrics/gaps_partners")
_FOCUS = named("metrics/gaps_focus")
_EXPIRING = named("metrics/expiring_agreements")
_UNRATIFIED = named("metrics/unratified_parties")
_CHANGING = named("metrics/parties_changing_state")
_UNFRAMED = named("metrics/activities_without_agreement")

# The partner attributes a coverage gap may be grouped by (never taken from user input).
GROUP_ATTRIBUTES = ("sector", "kind")

# The partners that act for their country: a country's coverage counts only theirs.
ACTOR_KINDS = frozenset(COUNTRY_ACTOR_KINDS)

# Rule names, as findings give them.
NO_AGREEMENT = "no_agreement_in_force"
NO_ACTIVITY = "no_recent_activity"
NO_FOCUS_ACTIVITY = "no_recent_activity_with_focus"
EXPIRES = "expires_within_window"
SIGNED_ONLY = "signed_without_consent"
CHANGES = "changes_state_within_window"
UNFRAMED = "no_shared_agreement_in_force"


@dataclass(frozen=True)
class Finding:
    """One gap: what kind, about what, and the figures that show it."""

    kind: str
    subject: str
    detail: dict[str, Any]


@dataclass(frozen=True)
class GapWindow:
    """The dates and thresholds findings are judged by.

    `window_days`: an activity is recent when it ended (else started, else was announced)
    within this many days before `as_of`. `expiring_days`: expiries, consents and entries
    into force within this many days after `as_of` are listed as changing soon. `tlp_max`:
    the highest TLP rank read."""

    as_of: dt.date
    window_days: int = 365
    expiring_days: int = 90
    tlp_max: int = 2

    def __post_init__(self) -> None:
        if self.window_days < 1 or self.expiring_days < 1:
            raise ValueError("window_days and expiring_days are whole days, 1 or more")

    @property
    def since(self) -> dt.date:
        return self.as_of - dt.timedelta(days=self.window_days)

    @property
    def until(self) -> dt.date:
        return self.as_of + dt.timedelta(days=self.expiring_days)

    @property
    def params(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(), "since": self.since.isoformat(),
                "tlp_max": self.tlp_max}

    @property
    def recent(self) -> dict[str, Any]:
        """The dates behind a coverage finding, as its detail gives them."""
        return {"as_of": self.as_of.isoformat(), "since": self.since.isoformat(),
                "window_days": self.window_days}

    @property
    def soon(self) -> dict[str, Any]:
        """The dates behind a changing-soon finding, as its detail gives them."""
        return {"as_of": self.as_of.isoformat(), "until": self.until.isoformat(),
                "expiring_days": self.expiring_days}


_CONSENT = {"treaty_kinds": sorted(TREATY_KINDS), "binding_consent": sorted(BINDING_CONSENT)}


@dataclass(frozen=True)
class Evidence:
    """One partner's coverage at `as_of` (a row of gaps_partners): the ids of the agreements
    in each state and of its recent and undated activities."""

    partner: str
    kind: str
    country: str | None = None
    region: str | None = None
    sector: str | None = None
    in_force: frozenset[str] = frozenset()
    not_yet_in_force: frozenset[str] = frozenset()
    signed_only: frozenset[str] = frozenset()
    recent: frozenset[str] = frozenset()
    undated: frozenset[str] = frozenset()

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Evidence:
        return cls(partner=row["partner"], kind=row["kind"], country=row.get("country"),
                   region=row.get("region"), sector=row.get("sector"),
                   **{k: frozenset(row.get(k) or ()) for k in (
                       "in_force", "not_yet_in_force", "signed_only", "recent", "undated")})


def _union(members: Iterable[Evidence], field: str) -> set[str]:
    out: set[str] = set()
    for m in members:
        out |= getattr(m, field)
    return out


def _ids(ids: Iterable[str], limit: int = 5) -> str:
    ordered = sorted(ids)
    shown = ", ".join(ordered[:limit])
    return shown + (f" and {len(ordered) - limit} more" if len(ordered) > limit else "")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def assess(members: Sequence[Evidence], window: GapWindow, *,
           actors_only: bool) -> dict[str, Any] | None:
    """The gap detail of one subject (a country, region, sector or kind) whose partners are
    `members`, or None when it is covered: some agreement in force and some recent activity
    through the partners that count (`ACTOR_KINDS` when `actors_only`, else all)."""
    counted = [m for m in members if m.kind in ACTOR_KINDS] if actors_only else list(members)
    in_force = _union(counted, "in_force")
    pending = _union(counted, "not_yet_in_force") - in_force
    signed = _union(counted, "signed_only") - in_force - pending
    recent = _union(counted, "recent")
    undated = _union(counted, "undated") - recent
    rules = ([NO_AGREEMENT] if not in_force else []) + ([NO_ACTIVITY] if not recent else [])
    if not rules:
        return None
    state = ("in_force" if in_force else "not_yet_in_force" if pending
             else "signed_only" if signed else "none")
    detail: dict[str, Any] = {
        "partners": len(members), "counted": len(counted),
        "agreements": len(in_force), "activities": len(recent),
        "agreement_state": state, "signed_only": sorted(signed),
        "not_yet_in_force": sorted(pending), "activities_unknown_date": len(undated),
        "rules": rules, **window.recent,
    }
    reasons = []
    if NO_AGREEMENT in rules:
        said = f"no agreement in force on {window.as_of}"
        extra = ([f"signed only: {_ids(signed)}"] if signed else []) + (
            [f"consented, not yet in force: {_ids(pending)}"] if pending else [])
        reasons.append(said + (f" ({'; '.join(extra)})" if extra else ""))
    if NO_ACTIVITY in rules:
        said = f"no activity between {window.since} and {window.as_of}"
        reasons.append(said + (f" ({_plural(len(undated), 'activity')} of unknown date, never "
                               "counted as recent)" if undated else ""))
    if actors_only:
        others = Counter(m.kind for m in members if m.kind not in ACTOR_KINDS)
        detail["uncounted"] = dict(sorted(others.items()))
        counted_said = (f"counted through its government, law-enforcement and CERT partners "
                        f"({len(counted)} of {_plural(len(members), 'partner')})")
        if others:
            counted_said += ("; " + ", ".join(f"{k} {n}" for k, n in sorted(others.items()))
                             + " based there do not act for it")
        reasons.append(counted_said)
    said = "; ".join(reasons)
    detail["reason"] = said[0].upper() + said[1:] + "."
    return detail


def coverage(evidence: Iterable[Evidence], window: GapWindow) -> list[Finding]:
    """Country, region, sector and kind gaps from the partners' evidence (pure).

    Every desk country and every region is assessed, those with no partner too; sectors
    and kinds are the values some partner has."""
    by_country: dict[str, list[Evidence]] = defaultdict(list)
    by_region: dict[str, list[Evidence]] = defaultdict(list)
    by_group: dict[str, dict[str, list[Evidence]]] = {a: defaultdict(list)
                                                     for a in GROUP_ATTRIBUTES}
    for e in evidence:
        if e.country:
            by_country[e.country].append(e)
        if e.region:
            by_region[e.region].append(e)
        for attribute in GROUP_ATTRIBUTES:
            value = getattr(e, attribute)
            if value is not None:
                by_group[attribute][value].append(e)
    found = []
    desk = sorted((c for c in countries() if c.region is not None),
                  key=lambda c: (str(c.region), c.code))
    for c in desk:
        detail = assess(by_country.get(c.code, []), window, actors_only=True)
        if detail is not None:
            found.append(Finding("country_gap", c.code,
                                 {"name": c.name, "region": str(c.region), **detail}))
    for code in sorted(RegionCode, key=str):
        detail = assess(by_region.get(code, []), window, actors_only=True)
        if detail is not None:
            found.append(Finding("region_gap", str(code),
                                 {"name": REGION_NAMES[code], **detail}))
    for attribute in GROUP_ATTRIBUTES:
        for value, members in sorted(by_group[attribute].items()):
            detail = assess(members, window, actors_only=False)
            if detail is not None:
                found.append(Finding(f"{attribute}_gap", value, detail))
    return found


def _focus(rows: list[dict[str, Any]], window: GapWindow) -> list[Finding]:
    out = []
    for r in rows:
        undated = r["undated"]
        reason = (f"No activity with this focus between {window.since} and {window.as_of}"
                  + (f" ({_plural(undated, 'activity')} of unknown date, never counted as "
                     "recent)" if undated else "") + ".")
        out.append(Finding("focus_gap", r["subject"], {
            "activities": r["activities"], "activities_unknown_date": undated,
            "rules": [NO_FOCUS_ACTIVITY], **window.recent, "reason": reason}))
    return out


def _expiring(rows: list[dict[str, Any]], window: GapWindow) -> list[Finding]:
    return [Finding("expiring_agreement", r["subject"], {
        **{k: v for k, v in r.items() if k != "subject"}, "rules": [EXPIRES], **window.soon,
        "reason": f"In force on {window.as_of}; expires on {r['expires_on']}, within "
                  f"{window.expiring_days} days."}) for r in rows]


def _unratified(rows: list[dict[str, Any]], window: GapWindow) -> list[Finding]:
    out = []
    for r in rows:
        later = (f"; its consent is dated {r['ratified_on']}, after {window.as_of}"
                 if r.get("ratified_on") else "; no consent to be bound recorded")
        signed = f"signed on {r['signed_on']}" if r.get("signed_on") else "signed"
        out.append(Finding("unratified", f"{r['subject']}/{r['partner']}", {
            **r, "rules": [SIGNED_ONLY], "as_of": window.as_of.isoformat(),
            "reason": f"{r['partner']} {signed} {r['title']}{later}: signed only on "
                      f"{window.as_of}, no coverage."}))
    return out


def _changing(rows: list[dict[str, Any]], window: GapWindow) -> list[Finding]:
    words = {"consent": "consent to be bound", "entry_into_force": "entry into force"}
    out = []
    for r in rows:
        events = [{"event": e["event"], "on": e["day"]} for e in r["events"]]
        said = ", ".join(f"{words[e['event']]} on {e['on']}" for e in events)
        out.append(Finding("membership_change", f"{r['subject']}/{r['partner']}", {
            **{k: v for k, v in r.items() if k not in ("subject", "events")},
            "events": events, "rules": [CHANGES], **window.soon,
            "reason": f"{r['partner']} under {r['title']}: {said}, within "
                      f"{window.expiring_days} days after {window.as_of}."}))
    return out


def _unframed(rows: list[dict[str, Any]], window: GapWindow) -> list[Finding]:
    return [Finding("activity_without_agreement", r["subject"], {
        **{k: v for k, v in r.items() if k != "subject"}, "rules": [UNFRAMED], **window.recent,
        "reason": f"No two of its {len(r['participants'])} participants are bound by a shared "
                  f"agreement in force on {window.as_of}."}) for r in rows]


def find_gaps(store: Store, window: GapWindow) -> list[Finding]:
    """Every gap finding at `window.as_of`, in a stable order.

    Kinds: `country_gap`, `region_gap`, `sector_gap`, `kind_gap` (no agreement in force or
    no recent activity, see `assess`), `focus_gap` (no recent activity with that focus),
    `expiring_agreement` (in force, expiring within `expiring_days`), `unratified` (signed
    a treaty in force, not bound at `as_of`), `membership_change` (a consent or an entry
    into force within `expiring_days`), `activity_without_agreement` (no two participants
    bound by a shared agreement in force).
    """
    p = window.params
    soon = {"as_of": p["as_of"], "until": window.until.isoformat(), "tlp_max": window.tlp_max}
    evidence = (Evidence.from_row(r) for r in store.stream(_PARTNERS, **p, **_CONSENT))
    found = coverage(evidence, window)
    found += _focus(store.read(_FOCUS, focus=[f.value for f in Focus], **p), window)
    found += _expiring(store.read(_EXPIRING, **soon), window)
    found += _unratified(store.read(_UNRATIFIED, as_of=p["as_of"], tlp_max=window.tlp_max,
                                    **_CONSENT), window)
    found += _changing(store.read(_CHANGING, **soon), window)
    found += _unframed(store.read(_UNFRAMED, **p, **_CONSENT), window)
    return found
