"""The CSV layouts the importer reads and the demo and synthetic generators write.

One file per kind. List-valued columns hold values separated by ';' (an item that holds a
';' is put in double quotes). Booleans are true/false. Dates are written YYYY, YYYY-MM or
YYYY-MM-DD (the importer also reads other forms: ingest/dates.py). Empty cells mean "not
given". docs/IMPORT.md describes every column.
"""

from __future__ import annotations

from graph.figures import LEGACY_NAMES, Outcome

LIST_SEPARATOR = ";"
# Each figure of the vocabulary has its column; any other goes in the `outcomes` cell.
FIGURE_COLUMNS: tuple[str, ...] = tuple(o.value for o in Outcome)

COLUMNS: dict[str, tuple[str, ...]] = {
    "partners": ("id", "name", "kind", "country", "sector", "aliases", "website", "description",
                 "source", "headquarters", "sources", "notes", "confidence"),
    "objectives": ("id", "title", "description"),
    "platforms": ("id", "name", "description"),
    "agreements": (
        "id", "title", "kind", "status", "signed_on", "effective_from", "expires_on",
        "binding", "scope", "tlp", "objectives", "source", "sources", "notes", "confidence",
    ),
    "agreement_parties": ("agreement_id", "partner_id", "role", "signed_on", "ratified_on",
                          "consent", "in_force_on", "sources", "notes", "confidence"),
    "activities": (
        "id", "name", "kind", "status", "start", "end", "focus", "tlp", "objectives", "source",
        "announced_on", "participants_complete", "participants_reported", "sources", "notes",
        "confidence", *FIGURE_COLUMNS, "outcomes",
    ),
    "activity_participants": ("activity_id", "partner_id", "role", "sources", "notes",
                              "confidence"),
    "platform_use": ("partner_id", "platform_id", "since"),
}

# Optional columns the importer also reads (generators need not write them). `parties` and
# `participants` give the ties inline: the layout stewards keep, one row per agreement with
# its parties in one ';'-separated cell (names, aliases, ids or countries), each optionally
# followed by `(signed 2001-11-23, ratified 2004-07-01, in force 2004-11-01, role …)`.
# `seized_usd` is earlier versions' money column (seized, in US dollars).
EXTRA_COLUMNS: dict[str, tuple[str, ...]] = {
    "agreements": ("parties",),
    "activities": ("participants", *LEGACY_NAMES),
}

# Columns that must be present in the header (and non-empty in every row).
REQUIRED: dict[str, tuple[str, ...]] = {
    "partners": ("id", "name", "kind"),
    "objectives": ("id", "title"),
    "platforms": ("id", "name"),
    "agreements": ("title", "kind", "status"),  # id may be derived in the stewards' layout
    "agreement_parties": ("agreement_id", "partner_id"),
    "activities": ("id", "name", "kind"),
    "activity_participants": ("activity_id", "partner_id"),
    "platform_use": ("partner_id", "platform_id"),
}

# Columns that hold partial dates: read as written (ingest/dates.py), stored as ISO.
DATE_COLUMNS: frozenset[str] = frozenset({
    "signed_on", "effective_from", "expires_on", "ratified_on", "in_force_on", "start", "end",
    "announced_on", "since",
})

# The column a rejects file adds; the importer ignores it, so a fixed rejects file re-imports.
REJECT_REASON_COLUMN = "reject_reason"
