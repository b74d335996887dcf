"""Secrets never leave the process: every byte it writes to stdout and stderr, and every log
record, has the bot token and the webhook secret replaced by `[REDACTED]`.

Telegram libraries put the token in request URLs, and errors echo URLs back (a 502 page,
an `InvalidToken` message, a lower-cased description), so redaction works on the output
streams themselves, not on what the code meant to log: uncaught tracebacks, warnings and
worker processes' output pass through the same filter. It matches case-insensitively,
the whole token and its secret half, plain and URL-encoded.
"""

from __future__ import annotations

import io
import logging
import re
import sys
from collections.abc import Iterable
from typing import TextIO
from urllib.parse import quote

MARK = "[REDACTED]"
MIN_SECRET = 8  # shorter strings are not secrets worth hiding, and would blank ordinary text


def _forms(secret: str) -> set[str]:
    forms = {secret, quote(secret, safe=""), quote(secret)}
    if ":" in secret:  # a bot token: `<bot id>:<secret>`; the secret half alone is the key
        half = secret.split(":", 1)[1]
        forms |= {half, quote(half, safe="")}
    return {f for f in forms if len(f) >= MIN_SECRET}


class Redactor:
    """Replaces every form of the given secrets in a string."""

    def __init__(self, secrets: Iterable[str]) -> None:
        forms: set[str] = set()
        for secret in secrets:
            if secret:
                forms |= _forms(secret)
        alternatives = sorted(forms, key=len, reverse=True)  # the whole token before its half
        self._pattern = re.compile("|".join(map(re.escape, alternatives)), re.IGNORECASE) if forms else None

    def __bool__(self) -> bool:
        return self._pattern is not None

    def __call__(self, text: str) -> str:
        return self._pattern.sub(MARK, text) if self._pattern is not None else text


class RedactingStream(io.TextIOBase):
    """A text stream that redacts whole lines before they reach the real one (a secret split
    over two `write` calls is still one line, so it is still found)."""

    def __init__(self, target: TextIO, redact: Redactor) -> None:
        self.target = target
        self.redact = redact
        self._pending = ""

    def write(self, text: str) -> int:
        self._pending += text
        if "\n" in self._pending:
            lines, _, self._pending = self._pending.rpartition("\n")
            self.target.write(self.redact(lines + "\n"))
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self.target.write(self.redact(self._pending))
            self._pending = ""
        self.target.flush()

    def isatty(self) -> bool:
        return self.target.isatty()

    def fileno(self) -> int:
        return self.target.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.target, "encoding", "utf-8")

    def writable(self) -> bool:
        return True


class RedactRecords(logging.Filter):
    """Redacts a log record's message and traceback (for handlers that do not write to the
    redacted stdout/stderr, e.g. a file)."""

    def __init__(self, redact: Redactor) -> None:
        super().__init__()
        self.redact = redact

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.redact:
            return True
        message = record.getMessage()
        redacted = self.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def install(secrets: Iterable[str]) -> Redactor:
    """Wrap this process's stdout and stderr (before logging is configured, so its handlers
    write through the wrappers) and return the redactor for log filters."""
    redact = Redactor(secrets)
    if redact:
        if not isinstance(sys.stdout, RedactingStream):
            sys.stdout = RedactingStream(sys.stdout, redact)
        if not isinstance(sys.stderr, RedactingStream):
            sys.stderr = RedactingStream(sys.stderr, redact)
    return redact
