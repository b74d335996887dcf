"""The public surface: what `retrieval` exports, and that every bot command is documented
in /help and in the README (the CLI's commands are checked in test_cli.py)."""

from __future__ import annotations

import re
import types

import retrieval
from bot.commands import COMMANDS
from bot.render import render_help
from tests.helpers.settings import ROOT


def test_retrieval_all_lists_exactly_the_public_names() -> None:
    public = {n for n, v in vars(retrieval).items() if not n.startswith("_") and not isinstance(v, types.ModuleType)}
    assert sorted(retrieval.__all__) == sorted(public)
    assert len(set(retrieval.__all__)) == len(retrieval.__all__)


def test_every_bot_command_is_in_help_and_in_the_readme() -> None:
    help_text = render_help("今日拱墅", COMMANDS).text
    readme = (ROOT / "README.md").read_text("utf-8")
    bot_section = readme[readme.index("## The bot") :]
    for command in COMMANDS:
        assert re.search(rf"(?m)^/{command.name}\b", help_text), command.name
        assert f"`/{command.name}" in bot_section, command.name


def test_command_names_are_unique_and_valid_for_telegram() -> None:
    names = [c.name for c in COMMANDS]
    assert len(set(names)) == len(names)
    for c in COMMANDS:
        assert re.fullmatch(r"[a-z0-9_]{1,32}", c.name), c.name  # what setMyCommands accepts
        assert 1 <= len(c.description) <= 256
