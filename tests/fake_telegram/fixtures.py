"""Pytest fixtures. Use from ``tests/conftest.py`` with
``from tests.fake_telegram.fixtures import fake_telegram  # noqa: F401``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .server import FakeTelegram

__all__ = ["fake_telegram"]


@pytest.fixture
def fake_telegram() -> Iterator[FakeTelegram]:
    """A started :class:`FakeTelegram` (token ``123456:TEST-fake-telegram-token``), closed after."""
    with FakeTelegram() as tg:
        yield tg
