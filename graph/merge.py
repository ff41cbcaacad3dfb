"""Merging two partners that are one organisation: KEEP stays, DROP goes into it.

In one transaction: DROP's ties (agreements, activities, platforms) move to KEEP, keeping
their properties and provenance (`import_id`, `row_hash`); where KEEP already had the tie,
KEEP's stays and takes only what it lacked from DROP's. KEEP's record keeps its own values,
fills its empty fields from DROP's, and takes DROP's name and aliases as aliases and DROP's
id (and the ids recorded on DROP) into `other_ids`, so later imports that name DROP resolve
to KEEP (ingest/resolution.py). API tokens of DROP's organisation name KEEP. DROP's computed
trust ties and metric results go (the next metric run recomputes them). The audit event,
written in the same transaction, holds DROP's properties and what moved.

Refused when a tie to move belongs to an agreement or activity the caller may not see.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from graph.access import FULL_ACCESS, Access
from graph.model import Partner
from graph.queries import named
from graph.store import Store, Tx
from graph.writer import ALIAS_SEPARATOR

_BY_IDS = named("partners/by_ids")
_ITEMS = named("partners/merge_items")
_MOVES = {"agreement_parties": named("partners/merge_party_to"),
          "activity_participants": named("partners/merge_participated_in"),
          "platform_use": named("partners/merge_uses")}
_FINISH = named("partners/merge_finish")
_AUDIT = named("audit/record")


class MergeError(Exception):
    """A merge that cannot be done; nothing was changed."""


@dataclass(frozen=True)
class MergeReport:
    keep: str
    drop: str
    moved: dict[str, int]  # ties moved to KEEP, by kind
    joined: dict[str, int]  # ties KEEP had already (DROP's went into them)
    aliases_added: tuple[str, ...]
    filled: tuple[str, ...]
    tokens: int  # API tokens repointed from DROP's organisation

    def summary(self) -> str:
        moved = ", ".join(f"{n} {k}" for k, n in self.moved.items() if n) or "no ties"
        joined = ", ".join(f"{n} {k}" for k, n in self.joined.items() if n)
        lines = [f"Merged {self.drop} into {self.keep}: moved {moved}"
                 + (f"; joined {joined} KEEP had already" if joined else "")]
        if self.aliases_added:
            lines.append(f"  aliases added: {', '.join(self.aliases_added)}")
        if self.filled:
            lines.append(f"  empty fields filled: {', '.join(self.filled)}")
        if self.tokens:
            lines.append(f"  API tokens of {self.drop}'s organisation now name {self.keep}: "
                         f"{self.tokens}")
        return "\n".join(lines)


def merge_partners(store: Store, keep: str, drop: str, actor: str,
                   access: Access = FULL_ACCESS) -> MergeReport:
    """Merge partner `drop` into partner `keep` (see the module's doc), in one transaction.
    Raises MergeError when either is missing, they are the same, or a tie to move belongs
    to something `access` does not see."""
    from ingest.resolution import merge_partner  # ingest builds on graph, not the reverse

    if keep == drop:
        raise MergeError("KEEP and DROP are the same partner")

    def work(tx: Tx) -> MergeReport:
        found = {r["id"]: r["node"] for r in tx.run(_BY_IDS, ids=[keep, drop])}
        for role, pid in (("KEEP", keep), ("DROP", drop)):
            if pid not in found:
                raise MergeError(f"no partner with id {pid!r} ({role})")
        hidden = [r["id"] for r in tx.run(_ITEMS, id=drop)
                  if r["tlp_rank"] is not None and not access.sees_rank(r["tlp_rank"], r["id"])]
        if hidden:
            raise MergeError(f"{drop} is tied to {len(hidden)} agreement(s) or activities "
                             "above your clearance; an admin can merge these partners")
        kept, dropped = found[keep], found[drop]
        fields = Partner.model_fields
        try:
            incoming = Partner.model_validate(
                {k: v for k, v in dropped.items() if k in fields and v is not None})
            merged = merge_partner(kept, incoming)
        except ValidationError as exc:
            raise MergeError(f"the two records do not merge: {exc.errors()[0]['msg']}") from None
        moved: dict[str, int] = {}
        joined: dict[str, int] = {}
        for kind, query in _MOVES.items():
            row = tx.run(query, keep=keep, drop=drop)[0]
            moved[kind], joined[kind] = int(row["moved"] or 0), int(row["joined"] or 0)
        props = merged.record.model_dump(mode="json", exclude={"id"})
        props["alias_text"] = ALIAS_SEPARATOR.join(merged.record.aliases) or None
        other_ids = list(dict.fromkeys([*(kept.get("other_ids") or []), drop,
                                        *(dropped.get("other_ids") or [])]))
        done = tx.run(_FINISH, keep=keep, drop=drop, props=props, other_ids=other_ids)[0]
        report = MergeReport(keep, drop, moved, joined, merged.added, merged.filled,
                             int(done["tokens"]))
        tx.run(_AUDIT, id=str(uuid.uuid4()), at=dt.datetime.now(dt.UTC).isoformat(),
               actor=actor, action="merge_partners", target=keep,
               details=json.dumps({"dropped": drop, "dropped_record": _plain(dropped),
                                   "moved": moved, "joined": joined,
                                   "aliases_added": list(merged.added),
                                   "filled": list(merged.filled),
                                   "tokens": report.tokens}, sort_keys=True, default=str))
        return report

    return store.transaction(work, name="partners/merge")


def _plain(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k not in ("row_hash",)}
