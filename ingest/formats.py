"""The CSV layouts the importer reads and the demo and synthetic generators write.

One file per kind. List-valued columns hold values separated by ';'. Booleans are
true/false. Dates are YYYY, YYYY-MM or YYYY-MM-DD. Empty cells mean "not given".
"""

from __future__ import annotations

from graph.model import Outcome

LIST_SEPARATOR = ";"

COLUMNS: dict[str, tuple[str, ...]] = {
    "partners": ("id", "name", "kind", "country", "sector", "aliases", "website", "description", "source"),
    "objectives": ("id", "title", "description"),
    "platforms": ("id", "name", "description"),
    "agreements": (
        "id", "title", "kind", "status", "signed_on", "effective_from", "expires_on",
        "binding", "scope", "tlp", "objectives", "source",
    ),
    "agreement_parties": ("agreement_id", "partner_id", "role", "signed_on", "ratified_on"),
    "activities": (
        "id", "name", "kind", "status", "start", "end", "focus", "tlp", "objectives", "source",
        *(o.value for o in Outcome),
    ),
    "activity_participants": ("activity_id", "partner_id", "role"),
    "platform_use": ("partner_id", "platform_id", "since"),
}

# Load order: a file may refer only to kinds loaded before it.
FILE_ORDER: tuple[str, ...] = tuple(COLUMNS)
