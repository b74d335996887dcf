"""An in-process fake of the Telegram Bot API for end-to-end tests: the :class:`FakeTelegram`
facade, which composes the parts of this package (see ``__init__.py`` for the map).

The server runs in daemon threads (``ThreadingHTTPServer``) on 127.0.0.1, never on the test's
event loop, so the real PTB ``Application`` (real ``httpx`` client) can talk to it while the test
drives the "user side" through :class:`FakeTelegram`'s thread-safe methods.

All waiting methods are blocking with a timeout (raise :class:`FakeTelegramTimeout`, an
``AssertionError``); every one has an ``*_async`` twin that runs it in a worker thread.
"""

from __future__ import annotations

import re
from typing import Any

from .files import FileApi
from .methods import BotApi
from .model import ApiCall, ApiError, Chat, FakeTelegramTimeout, User
from .observe import Observer
from .state import FakeState
from .transport import Transport
from .user_actions import UserActions

__all__ = [
    "ApiCall",
    "ApiError",
    "Chat",
    "FakeTelegram",
    "FakeTelegramTimeout",
    "User",
]


class FakeTelegram(Transport, UserActions, Observer, BotApi, FileApi):
    """A fake Telegram Bot API server plus a "user side" driving API.

    Wire PTB with ``.base_url(tg.base_url).base_file_url(tg.base_file_url).token(tg.token)``
    (or use ``ptb.application_builder(tg)``).

    Where things are (each a mixin over ``state.FakeState``, which holds all the state):

    * lifecycle, URLs, :meth:`fail_next`: ``transport.Transport``;
    * :meth:`user`, :meth:`group`, :meth:`send_text`, :meth:`reply_to`, :meth:`send_photo`, ...,
      :meth:`edit_text`, :meth:`press`, :meth:`inline_query`, :meth:`choose_inline_result`:
      ``user_actions.UserActions`` (over ``updates.UpdateQueue``: :meth:`pending_updates`);
    * :meth:`wait_for_messages`, :meth:`wait_for_message`, :meth:`assert_no_messages`,
      :meth:`drain_messages`, :meth:`sent_messages`, :meth:`message`, :meth:`wait_for_edit`,
      :meth:`wait_for_callback_answer`, :meth:`inline_answer`, :meth:`wait_for_call`,
      :meth:`mark`, :meth:`calls_to`, :meth:`wait_until_consumed`, :attr:`commands`,
      :meth:`commands_for` and the ``*_async`` twins: ``observe.Observer``;
    * the Bot API methods: ``methods.BotApi`` (table ``methods.METHODS``), uploads and
      :meth:`file_bytes`: ``files.FileApi``.

    Public records: ``calls`` (every :class:`ApiCall`), ``callback_answers``, ``inline_answers``,
    ``chat_actions``, ``downloads``, ``webhook``.
    """

    def __init__(
        self,
        token: str = "123456:TEST-fake-telegram-token",
        *,
        username: str = "archive_test_bot",
        first_name: str = "报刊档案助手",
        can_join_groups: bool = True,
        can_read_all_group_messages: bool = False,
        supports_inline_queries: bool = True,
        inline_feedback: bool = True,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        m = re.fullmatch(r"(\d+):[A-Za-z0-9_-]+", token)
        if not m:
            raise ValueError(f"token {token!r} does not look like a bot token (<id>:<secret>)")
        self.token = token
        self.bot = User(int(m.group(1)), first_name, username=username, language_code=None, is_bot=True)
        self.can_join_groups = can_join_groups
        self.can_read_all_group_messages = can_read_all_group_messages
        self.supports_inline_queries = supports_inline_queries
        self.inline_feedback = inline_feedback
        self._host = host
        self._port = port
        FakeState.__init__(self)

    def bot_user(self) -> dict[str, Any]:
        return self.bot.to_dict()
