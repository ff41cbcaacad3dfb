"""Organisation names compared as people mean them: one key per way of writing a name.

`Group-IB`, `GROUP IB` and `Group-IB Pte. Ltd.` are one organisation; so are `Plateforme de
Lutte Contre la Cybercriminalité` and its unaccented spelling, and `The Shadowserver
Foundation` and `Shadowserver Foundation`. `name_key` folds case and accents, reads
punctuation as a space, `&` as `and`, and drops a leading `the` and common legal suffixes
(`Ltd`, `Inc.`, `GmbH`, `S.A.`, …), so that those spellings share a key; what is left must
still be the whole name (a suffix alone, `Ltd`, keeps itself).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit

# Legal forms written after a company's name, as keys (dots and spaces read as spaces, so
# `S.A.` is `s a` and `Pte. Ltd.` is `pte ltd`). Only whole trailing words are dropped.
LEGAL_SUFFIXES: frozenset[str] = frozenset({
    "ltd", "limited", "inc", "incorporated", "llc", "llp", "lp", "plc", "corp", "corporation",
    "co", "company", "gmbh", "ag", "kg", "se", "sa", "s a", "sas", "s a s", "sarl", "srl",
    "s r l", "spa", "s p a", "bv", "b v", "nv", "n v", "oy", "oyj", "ab", "as", "a s", "asa",
    "aps", "kk", "pte", "pty", "pvt", "bhd", "sdn bhd", "ltda", "sl", "s l", "sro", "s r o",
    "zrt", "kft", "sp z o o", "doo", "d o o", "ooo", "jsc", "pjsc",
})
_SUFFIX_WORDS = max(len(s.split()) for s in LEGAL_SUFFIXES)
_PUNCT = re.compile(r"[^\w]+|_")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 17)  # imports repeat names: every reference by name is one of them
def name_key(name: str) -> str:
    """The key two spellings of one organisation's name share (see the module's doc)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ")
    words = _PUNCT.sub(" ", text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    changed = True
    while changed and len(words) > 1:
        changed = False
        for n in range(min(_SUFFIX_WORDS, len(words) - 1), 0, -1):
            if " ".join(words[-n:]) in LEGAL_SUFFIXES:
                words = words[:-n]
                changed = True
                break
    return " ".join(words)


def id_key(value: str) -> str:
    """Ids compared ignoring case (`ci-plcc` and `CI-PLCC`)."""
    return value.strip().casefold()


def website_host(url: str | None) -> str | None:
    """The host of a website, without `www.` and case: `https://www.group-ib.com/` and
    `group-ib.com` are one site. None when there is no host to read."""
    if not url or not url.strip():
        return None
    text = url.strip()
    if "//" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host.removeprefix("www.")


def tidy(name: str) -> str:
    """A name as shown: inner runs of spaces as one."""
    return _SPACES.sub(" ", name).strip()
