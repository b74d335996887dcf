"""Fixtures of the fake's own tests: a fresh fake with the test token (`tg`, overriding the
bot tests' one), a module-wide httpx client and a raw client bound to the fake (`http`)."""

from tests.fake_telegram.testkit import client, http, tg

__all__ = ["client", "http", "tg"]
