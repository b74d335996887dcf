"""A fake Telegram Bot API server for end-to-end tests of the bot.

A test creates a :class:`FakeTelegram` (or uses the ``fake_telegram`` fixture of
``fixtures.py``), points a real python-telegram-bot ``Application`` at it (``ptb.py``), plays the
users (``tg.user()``, ``tg.send_text()``, ``tg.press()`` ...) and checks what the bot did
(``tg.wait_for_message()``, ``tg.calls_to()`` ...)::

    test code                                              the bot: PTB Application (httpx)
      |                                                                |  HTTP
      |  user_actions.UserActions                     transport.Transport
      |--> users, groups, messages,                     server, body parsing, ApiCall records,
      |    press, inline queries                        fail_next, downloads /file/bot<token>/..
      |          |                                      |  /bot<token>/<method>
      |          v                                      v
      |    updates.UpdateQueue  <--- getUpdates ---  methods.METHODS (the one table)
      |      update ids, offsets, allowed_updates,     methods.BotApi  sendMessage, edits,
      |      privacy mode, long polling                                answers, commands, webhook
      |                                                files.FileApi   sendPhoto, sendDocument,
      |  observe.Observer                                              getFile
      '--> wait_for_*, calls_to, commands,           checks (+ html_check): text/caption length,
           *_async twins  <-- what the bot did --      HTML, keyboards, inline results

    under all of them: state.FakeState (every attribute; one lock + condition) and
    model (User, Chat, ApiCall, ApiError, the stored records)

How they compose: :class:`FakeTelegram` is ``Transport + UserActions + Observer + BotApi +
FileApi``, all mixins over ``state.FakeState``, so every method sees the same state under the
same lock. A request goes ``transport`` (parse, record an :class:`ApiCall`, apply an injected
fault) -> ``methods.METHODS[name](fake, params)`` -> checks -> state change + ``notify_all`` ->
waiting ``observe`` calls and long polls wake up. A user action goes ``user_actions`` -> state
-> ``updates`` queue -> the bot's next ``getUpdates``.

To add a Bot API method: write ``_api_<name>`` in the mixin owning its state and add it to
``methods.METHODS``. Helpers for the fake's own tests are in ``testkit.py``.
"""

from .html_check import HtmlParseError, parse_html, strip_text, utf16_len
from .ptb import application_builder, polling
from .server import ApiCall, ApiError, Chat, FakeTelegram, FakeTelegramTimeout, User

__all__ = [
    "ApiCall",
    "ApiError",
    "Chat",
    "FakeTelegram",
    "FakeTelegramTimeout",
    "HtmlParseError",
    "User",
    "application_builder",
    "parse_html",
    "polling",
    "strip_text",
    "utf16_len",
]
