"""Helpers shared by the fake's own tests (``tests/fake_telegram_tests/``): fixtures for a
fresh fake and a raw HTTP client bound to it (registered for that folder by its
conftest.py), form-encoded calls the way PTB makes them, and tiny valid images for uploads.
"""

from __future__ import annotations

import json
import struct
import zlib
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from .server import FakeTelegram

__all__ = ["TOKEN", "Http", "call", "client", "err", "http", "png_bytes", "tg"]

TOKEN = "123456:TEST-fake-telegram-token"


@pytest.fixture
def tg() -> Iterator[FakeTelegram]:
    with FakeTelegram(TOKEN) as fake:
        yield fake


class Http:
    """A module-wide httpx client bound to one fake's ``/bot<token>/`` prefix."""

    def __init__(self, client: httpx.Client, prefix: str) -> None:
        self.client = client
        self.prefix = prefix

    def post(self, method: str, **kwargs: Any) -> httpx.Response:
        return self.client.post(self.prefix + method, **kwargs)

    def get(self, method: str, **kwargs: Any) -> httpx.Response:
        return self.client.get(self.prefix + method, **kwargs)


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=15) as c:  # creating a client costs ~0.1 s (TLS context)
        yield c


@pytest.fixture
def http(tg: FakeTelegram, client: httpx.Client) -> Http:
    return Http(client, f"{tg.base_url}{TOKEN}/")


def call(http: Http, method: str, **params: Any) -> dict[str, Any]:
    """Form-encoded call the way PTB sends it (nested objects JSON-encoded)."""
    data = {k: json.dumps(v) if isinstance(v, dict | list | bool) else str(v) for k, v in params.items()}
    return http.post(method, data=data).json()


def err(resp: dict[str, Any]) -> str:
    assert resp["ok"] is False, resp
    return str(resp["description"])


def png_bytes(width: int = 4, height: int = 3, *, seed: int = 0) -> bytes:
    """A valid ``width`` x ``height`` RGB PNG (``seed`` varies the pixels, hence the bytes)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = bytes((x * 7 + seed) % 256 for x in range(width * 3))
    raw = b"".join(b"\x00" + row for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    )
