"""Characters no stored text and no reply can carry: NUL (PostgreSQL refuses it) and lone
surrogates (UTF-8 cannot encode them; Telegram's JSON and a Linux argv in a broken locale
can deliver them). One rule for files and for what users type: they become U+FFFD."""

from __future__ import annotations

import re

BAD_CHARS = re.compile("[\x00\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def replace_invalid(text: str) -> tuple[str, int]:
    """`text` with every NUL and lone surrogate replaced by U+FFFD, and how many there were."""
    return BAD_CHARS.subn(REPLACEMENT, text)


def valid(text: str) -> str:
    """`text` safe to store, echo and encode (see `replace_invalid`)."""
    return replace_invalid(text)[0]
