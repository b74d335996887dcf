"""python-telegram-bot handlers: thin adapters between Telegram updates and :class:`Replier`.

Each handler works out *what* the user said (and whether the bot was addressed at all), runs
the :class:`~bot.replies.Replier` in a worker thread (``asyncio.to_thread``: the archive is CPU
and disk bound) and sends the :class:`~bot.render.Outgoing` messages it returns.

Access control (``ALLOWED_CHAT_IDS``): messages and button presses from other chats are
dropped by :meth:`Handlers.gate` (a press still gets an answer, so the button stops spinning).
Inline queries carry no chat, so they are answered only for users whose private chat is
allowed (a private chat's id is the user's id) or who are admins; others get no results.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Sequence
from dataclasses import dataclass

from telegram import (
    CopyTextButton,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputFile,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatMemberStatus, ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.commands import ChatContext
from bot.messages import Button, Outgoing, note
from bot.replies import NOT_TEXT, UPLOAD_TOO_BIG, UPLOADING, Replier
from bot.settings import BotSettings
from retrieval.uploads import Sent

logger = logging.getLogger(__name__)

APOLOGY = "抱歉，处理您的消息时出了点问题，请稍后再试。"
NOT_ALLOWED = "此聊天未获授权使用本机器人。"
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
ALBUM_WAIT = 1.5  # seconds the first document of an album waits for the others (sent together)


@dataclass
class Runtime:
    """What the handlers share: settings, and the replier once ``post_init`` has loaded the
    archive (a typed holder instead of ``bot_data["…"]``)."""

    settings: BotSettings
    replier: Replier | None = None

    def ready(self) -> Replier:
        if self.replier is None:
            raise RuntimeError("the archive is not loaded yet (post_init has not run)")
        return self.replier


def button(b: Button) -> InlineKeyboardButton:
    if b.kind == "copy":
        return InlineKeyboardButton(b.text, copy_text=CopyTextButton(b.data))
    if b.kind == "inline":
        return InlineKeyboardButton(b.text, switch_inline_query=b.data)
    if b.kind == "url":
        return InlineKeyboardButton(b.text, url=b.data)
    return InlineKeyboardButton(b.text, callback_data=b.data)


def markup(out: Outgoing) -> InlineKeyboardMarkup | None:
    if not out.buttons:
        return None
    return InlineKeyboardMarkup([[button(b) for b in row] for row in out.buttons])


async def deliver(message: Message, out: Outgoing, quote: bool = False) -> Message:
    """Send `out` into `message`'s chat (quoting it when `quote`): a text message, or a
    photo or document with the text as its caption."""
    keyboard = markup(out)
    if out.attachment is None:
        return await message.reply_text(
            out.text, parse_mode=ParseMode.HTML, reply_markup=keyboard, link_preview_options=NO_PREVIEW,
            do_quote=quote,
        )
    upload = InputFile(out.attachment.data, filename=out.attachment.filename)
    if out.attachment.kind == "photo":
        return await message.reply_photo(
            upload, caption=out.text, parse_mode=ParseMode.HTML, reply_markup=keyboard, do_quote=quote
        )
    return await message.reply_document(
        upload, caption=out.text, parse_mode=ParseMode.HTML, reply_markup=keyboard, do_quote=quote
    )


class Handlers:
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self._turns: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()
        self._albums: dict[tuple[int, str], list[Message]] = {}  # documents sent together, gathering

    def _turn(self, user_id: int) -> asyncio.Lock:
        """One user's updates are handled one at a time: a user who floods the bot waits for
        their own earlier requests, while everyone else's run on the free worker threads."""
        lock = self._turns.get(user_id)
        if lock is None:
            lock = self._turns[user_id] = asyncio.Lock()
        return lock

    @property
    def settings(self) -> BotSettings:
        return self.runtime.settings

    # -- sending ---------------------------------------------------------------------------
    async def send(self, message: Message, outs: Sequence[Outgoing]) -> None:
        """Send ``outs`` into ``message``'s chat; in groups the first one quotes the question."""
        quote = message.chat.type != ChatType.PRIVATE
        for i, out in enumerate(outs):
            await deliver(message, out, quote=quote and i == 0)

    async def _chat(self, message: Message, user_id: int, needs_admin: bool) -> ChatContext:
        """Where a command came from; in a group, whether its sender administers it (asked
        of Telegram only for the commands that need it)."""
        chat = message.chat
        if chat.type == ChatType.PRIVATE:
            return ChatContext(chat.id, "private", True)
        admin = message.sender_chat is not None and message.sender_chat.id == chat.id  # an anonymous admin
        if needs_admin and not admin:
            try:
                member = await message.get_bot().get_chat_member(chat.id, user_id)
                admin = member.status in (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)
            except TelegramError as err:
                logger.warning("could not tell whether a user administers chat %s: %s", chat.id, err.message)
        return ChatContext(chat.id, "group", admin)

    async def _reply(self, update: Update, text: str, *, question_only: bool = False) -> None:
        message = update.effective_message
        user = update.effective_user
        if message is None:
            return
        replier = self.runtime.ready()
        user_id = user.id if user else 0
        loop = asyncio.get_running_loop()
        chat = None if question_only else await self._chat(message, user_id, replier.needs_chat_admin(text))

        def progress(out: Outgoing) -> None:  # called from the worker thread
            asyncio.run_coroutine_threadsafe(self.send(message, [out]), loop).result(timeout=30)

        if not question_only and replier.offline(text):  # /help: no database, no queue
            await self.send(message, replier.reply(text, user_id))
            return
        async with self._turn(user_id):
            if question_only:
                outs = await asyncio.to_thread(replier.ask, text, user_id)
            else:
                outs = await asyncio.to_thread(replier.reply, text, user_id, progress, chat)
            await self.send(message, outs)

    # -- access control (group -1) ---------------------------------------------------------
    async def gate(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        allowed = self.settings.allowed_chat_ids
        if not allowed:
            return
        if update.inline_query is not None:
            if not self._user_allowed(update.inline_query.from_user.id):
                await update.inline_query.answer([], cache_time=0, is_personal=True)
                raise ApplicationHandlerStop
            return
        chat = update.effective_chat
        if chat is None:
            # A press on a button under an inline message carries no chat: judge the user.
            query = update.callback_query
            if query is not None and not self._user_allowed(query.from_user.id):
                await query.answer(NOT_ALLOWED)
                logger.info("ignoring a button press of user %s (not allowed)", query.from_user.id)
                raise ApplicationHandlerStop
            return
        if chat.id in allowed:
            return
        if update.callback_query is not None:
            await update.callback_query.answer(NOT_ALLOWED)
        logger.info("ignoring update from chat %s (not in ALLOWED_CHAT_IDS)", chat.id)
        raise ApplicationHandlerStop

    def _user_allowed(self, user_id: int) -> bool:
        """Without a chat: a user whose private chat is allowed (its id is theirs), or an admin."""
        return user_id in self.settings.allowed_chat_ids or user_id in self.settings.admin_user_ids

    # -- messages --------------------------------------------------------------------------
    async def command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Every command (known or not) in a private chat; known ones in groups."""
        message = update.effective_message
        if message is not None and message.text:
            await self._reply(update, message.text)

    async def private_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is not None and message.text is not None:
            await self._reply(update, message.text, question_only=True)

    async def group_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """In groups only @mentions of the bot and replies to it are questions."""
        message = update.effective_message
        if message is None or message.text is None:
            return
        bot = context.bot
        replied = message.reply_to_message
        addressed = bool(replied and replied.from_user and replied.from_user.id == bot.id)
        text = message.text
        mention = f"@{bot.username}".lower()
        for value in message.parse_entities([MessageEntity.MENTION]).values():
            if value.lower() == mention:
                addressed = True
                text = text.replace(value, " ")
        if addressed:
            await self._reply(update, text, question_only=True)

    async def document(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A document in a private chat: an editor's upload of pages (admins only). A
        non-admin's file, one over the 20 MB download limit or of another kind is refused
        before anything is downloaded. Documents sent together (one album) are one upload:
        the first waits ALBUM_WAIT seconds for the others, then all are downloaded and
        ingested together, with one reply and one `撤销`."""
        message = update.effective_message
        user = update.effective_user
        if message is None or message.document is None:
            return
        replier = self.runtime.ready()
        user_id = user.id if user else 0
        doc = message.document
        refused = replier.check_upload(user_id, doc.file_name or "page.pdf", doc.file_size)
        if refused is not None:
            await self.send(message, [refused])
            return
        messages = [message]
        if message.media_group_id:
            key = (message.chat_id, message.media_group_id)
            album = self._albums.setdefault(key, [])
            album.append(message)
            if len(album) > 1:
                return  # the album's first message uploads them all
            await asyncio.sleep(ALBUM_WAIT)
            messages = self._albums.pop(key)
        docs = [m.document for m in messages if m.document is not None]  # (the Document filter let in only these)
        names = [d.file_name or "page.pdf" for d in docs]
        caption = next((m.caption for m in messages if m.caption), None)
        async with self._turn(user_id):
            await self.send(message, [note(UPLOADING.format(name="、".join(n[:60] for n in names)[:300]))])
            files: list[Sent] = []
            for d, name in zip(docs, names, strict=True):
                try:
                    file = await context.bot.get_file(d.file_id)
                    files.append(Sent(name, bytes(await file.download_as_bytearray())))
                except BadRequest as err:  # e.g. "file is too big": Telegram's size, not the one we were told
                    logger.warning("could not download an upload: %s", err)
                    size = (d.file_size or 0) / 2**20
                    await self.send(message, [note(UPLOAD_TOO_BIG.format(name=name[:100], size=size))])
                    return
            outs = await asyncio.to_thread(replier.upload, user_id, files, caption)
            await self.send(message, outs)

    async def not_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Stickers, photos, voice… in a private chat."""
        message = update.effective_message
        if message is not None:
            await self.send(message, [Outgoing(NOT_TEXT)])

    # -- buttons ---------------------------------------------------------------------------
    async def button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None:
            return
        replier = self.runtime.ready()
        user_id = query.from_user.id
        chat = None
        if isinstance(query.message, Message):
            chat = await self._chat(query.message, user_id, needs_admin=replier.press_needs_chat_admin(query.data or ""))
        async with self._turn(user_id):
            pressed = await asyncio.to_thread(replier.press, query.data or "", user_id, chat)
        await query.answer(pressed.toast)
        message = query.message
        if not isinstance(message, Message):  # inline message or too old to be accessible
            return
        if pressed.edit is not None:
            try:
                await query.edit_message_text(
                    pressed.edit.text,
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup(pressed.edit),
                    link_preview_options=NO_PREVIEW,
                )
            except BadRequest as err:
                if "not modified" not in str(err).lower():
                    raise
        for out in pressed.send:
            await deliver(message, out)

    # -- inline mode -----------------------------------------------------------------------
    async def inline(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.inline_query
        if query is None:
            return
        replier = self.runtime.ready()
        async with self._turn(query.from_user.id):
            found = await asyncio.to_thread(replier.inline, query.query, query.from_user.id)
        results = [
            InlineQueryResultArticle(
                id=r.id,
                title=r.title,
                description=r.description,
                input_message_content=InputTextMessageContent(
                    r.message, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
                ),
            )
            for r in found
        ]
        if self.settings.allowed_chat_ids:
            # Access is restricted: Telegram must not cache these answers for anyone else.
            await query.answer(results, cache_time=0, is_personal=True)
        else:
            await query.answer(results, cache_time=60, is_personal=False)

    # -- errors ----------------------------------------------------------------------------
    async def error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log with the traceback; tell the user briefly; never let a callback query spin."""
        err = context.error
        if isinstance(err, TimedOut | RetryAfter | Forbidden) or type(err) is NetworkError:
            # Telegram could not be reached even after retries (bot/retry.py): an apology would
            # fail the same way, or arrive next to a reply that did go out. Log, briefly.
            logger.warning("Bot API call failed: %s: %s", type(err).__name__, err)
            return
        logger.error("error while handling an update", exc_info=context.error)
        if not isinstance(update, Update):
            return
        try:
            if update.callback_query is not None:
                await update.callback_query.answer(APOLOGY)
            elif update.effective_message is not None and update.effective_chat is not None:
                await update.effective_chat.send_message(APOLOGY)
        except Exception:  # the apology itself failed (network, query too old): logging is all we can do
            logger.warning("could not send the apology", exc_info=True)
