"""The checks every stored text passes, whether it comes from an import or an edit: no
spreadsheet formula, no control character, a bounded length.

A cell a spreadsheet would run as a formula (=…, @…, +… or -… that is not a number) is a
formula-injection risk once the graph is exported to CSV and opened; NUL, ESC and the other
C0 controls corrupt terminals, logs and exports.
"""

from __future__ import annotations

import re

TEXT_MAX = 5000
FORMULA = re.compile(r"^(?:[=@\t\r]|[+\-](?![\d.]+$))")
FORMULA_FIRST = frozenset("=@\t\r+-")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def formula(text: str) -> bool:
    return text[:1] in FORMULA_FIRST and FORMULA.match(text) is not None


def problem(text: str) -> str | None:
    """Why `text` may not be stored, or None."""
    if len(text) > TEXT_MAX:
        return f"longer than {TEXT_MAX} characters"
    if formula(text):
        return (f"looks like a spreadsheet formula (starts with {text[0]!r}); remove the "
                "leading character")
    if not text.isprintable() and (bad := CONTROL.search(text)):
        return f"contains control character U+{ord(bad.group()):04X}"
    return None
