"""Tests of the fake Telegram Bot API (``tests/fake_telegram``): sendPhoto, sendDocument, getFile
and file downloads, raw and through a real PTB ``Bot``."""

from __future__ import annotations

import io
import json
import struct
import time
from typing import Any

import httpx
import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, MessageEntity
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError

from tests.fake_telegram import FakeTelegram, application_builder
from tests.fake_telegram import files as ft_files
from tests.fake_telegram.files import image_size
from tests.fake_telegram.testkit import TOKEN, Http, call, err, png_bytes


def png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` (cheap to build for huge sizes)."""
    data = bytearray(png_bytes(1, 1))
    data[16:24] = struct.pack(">II", width, height)
    return bytes(data)


def upload(
    http: Http, method: str, field: str, name: str, content: bytes, **params: object
) -> httpx.Response:
    """A multipart upload of ``content`` as ``field``, other params form-encoded like PTB does."""
    data = {k: json.dumps(v) if isinstance(v, dict | list | bool) else str(v) for k, v in params.items()}
    return http.post(method, data=data, files={field: (name, content, "application/octet-stream")})


# ================================================================================================
# through a real PTB Bot
# ================================================================================================
async def test_photo_with_html_caption_arrives_with_its_bytes(fake_telegram: FakeTelegram) -> None:
    tg = fake_telegram
    alice = tg.user("Alice")
    image = png_bytes(1600, 1200)
    kb = InlineKeyboardMarkup([[InlineKeyboardButton("原图", callback_data="full:1")]])
    async with application_builder(tg).build() as app:
        sent = await app.bot.send_photo(
            alice.id,
            InputFile(image, filename="版面.png"),
            caption="<b>人民日报</b> 1985年 第1版 &amp; 更多",
            parse_mode=ParseMode.HTML,
            reply_markup=kb,
        )
        # PTB parsed the fake's answer into a real Message
        assert sent.caption == "人民日报 1985年 第1版 & 更多"
        assert sent.caption_entities == (MessageEntity(MessageEntity.BOLD, 0, 4),)
        assert [(p.width, p.height) for p in sent.photo] == [
            (90, 68), (320, 240), (800, 600), (1280, 960), (1600, 1200)
        ]  # fmt: skip

    msg = tg.wait_for_message(alice)
    assert msg["caption"] == "人民日报 1985年 第1版 & 更多"
    assert msg["caption_entities"] == [{"offset": 0, "length": 4, "type": "bold"}]
    assert "text" not in msg and msg["from"]["is_bot"] is True
    assert msg["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "full:1"
    largest = msg["photo"][-1]
    assert {"file_id", "file_unique_id", "width", "height", "file_size"} == largest.keys()
    assert largest["file_size"] == len(image)
    assert len({p["file_id"] for p in msg["photo"]}) == len({p["file_unique_id"] for p in msg["photo"]}) == 5
    assert tg.file_bytes(largest["file_id"]) == image
    call = tg.calls_to("sendPhoto")[0]
    assert call.params["photo"]["filename"] == "版面.png" and call.params["photo"]["content"] == image
    # the photo message's keyboard can be pressed like any other
    qid = tg.press(alice, msg, "full:1")
    assert tg.pending_updates()[-1]["callback_query"]["id"] == qid


async def test_caption_too_long_is_refused(fake_telegram: FakeTelegram) -> None:
    tg = fake_telegram
    alice = tg.user("Alice")
    async with application_builder(tg).build() as app:
        with pytest.raises(BadRequest, match="Message caption is too long"):
            await app.bot.send_photo(alice.id, png_bytes(), caption="字" * 1025)
        # the limit counts UTF-16 units after entity parsing: 512 emoji are 1024 units
        with pytest.raises(BadRequest, match="Message caption is too long"):
            await app.bot.send_document(alice.id, b"x", filename="a.txt", caption="😀" * 513)
        await app.bot.send_photo(alice.id, png_bytes(), caption="😀" * 512)
        await app.bot.send_photo(
            alice.id, png_bytes(), caption="<b>" + "x" * 1024 + "</b>", parse_mode=ParseMode.HTML
        )
    assert [c.description for c in tg.calls if c.method.lower() != "getme"][:2] == [
        "Bad Request: message caption is too long"
    ] * 2
    assert [len(m["caption"]) for m in tg.wait_for_messages(alice, 2)] == [512, 1024]
    tg.assert_no_messages(alice, within=0.05)


async def test_bad_html_in_caption_is_refused(fake_telegram: FakeTelegram) -> None:
    tg = fake_telegram
    alice = tg.user("Alice")
    async with application_builder(tg).build() as app:
        for caption in ("<b>未闭合", "a < b", "<div>x</div>", "AT&T"):
            with pytest.raises(BadRequest, match="Can't parse entities"):
                await app.bot.send_photo(alice.id, png_bytes(), caption=caption, parse_mode=ParseMode.HTML)
            with pytest.raises(BadRequest, match="Can't parse entities"):
                await app.bot.send_document(
                    alice.id, b"%PDF", filename="x.pdf", caption=caption, parse_mode=ParseMode.HTML
                )
        # without parse_mode the same caption is plain text
        sent = await app.bot.send_photo(alice.id, png_bytes(), caption="a < b & c")
        assert sent.caption == "a < b & c"
    assert tg.calls_to("sendPhoto")[0].description == (
        "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\""
    )
    assert [m["caption"] for m in tg.drain_messages(alice)] == ["a < b & c"]


async def test_document_round_trips_through_get_file_and_download(fake_telegram: FakeTelegram) -> None:
    tg = fake_telegram
    alice = tg.user("Alice")
    content = bytes(range(256)) * 40 + b"\r\n--boundary-like\r\n\n\r"  # binary, CR/LF included
    async with application_builder(tg).build() as app:
        sent = await app.bot.send_document(
            alice.id, io.BytesIO(content), filename="人民日报 1985-01-01.pdf", caption="全文"
        )
        doc = sent.document
        assert doc is not None
        assert doc.file_name == "人民日报 1985-01-01.pdf"
        assert doc.mime_type == "application/pdf"
        assert doc.file_size == len(content)
        f = await app.bot.get_file(doc.file_id)
        assert f.file_size == len(content)
        assert f.file_path == f"{tg.base_file_url}{tg.token}/documents/file_0.pdf"
        assert bytes(await f.download_as_bytearray()) == content
        # resending by file_id sends the same document without a new upload
        again = await app.bot.send_document(alice.id, doc.file_id)
        assert again.document is not None and again.document.file_id == doc.file_id
    assert tg.downloads == ["documents/file_0.pdf"]
    assert tg.file_bytes(doc.file_id) == content
    first, second = tg.wait_for_messages(alice, 2)
    assert (
        first["document"]
        == second["document"]
        == {
            "file_id": doc.file_id,
            "file_unique_id": doc.file_unique_id,
            "file_name": "人民日报 1985-01-01.pdf",
            "mime_type": "application/pdf",
            "file_size": len(content),
        }
    )
    assert first["caption"] == "全文" and "caption" not in second


async def test_photo_resent_by_file_id_keeps_all_sizes(fake_telegram: FakeTelegram) -> None:
    tg = fake_telegram
    alice = tg.user("Alice")
    group = tg.group("编辑部")
    async with application_builder(tg).build() as app:
        first = await app.bot.send_photo(alice.id, png_bytes(400, 300))
        again = await app.bot.send_photo(group.id, first.photo[0].file_id, caption="转发")
        assert [p.file_id for p in again.photo] == [p.file_id for p in first.photo]
        f = await app.bot.get_file(first.photo[-1].file_id)
        assert bytes(await f.download_as_bytearray()) == png_bytes(400, 300)
        with pytest.raises(BadRequest, match="Type of file mismatch"):
            await app.bot.send_document(alice.id, first.photo[-1].file_id)
    assert tg.wait_for_message(group)["caption"] == "转发"


# ================================================================================================
# raw HTTP: the checks
# ================================================================================================
class TestSendPhotoChecks:
    def test_missing_and_unusable_photo(self, tg: FakeTelegram, http: Http) -> None:
        alice = tg.user("Alice")
        assert (
            err(call(http, "sendPhoto", chat_id=alice.id)) == "Bad Request: there is no photo in the request"
        )
        assert err(call(http, "sendPhoto", chat_id=alice.id, photo="")) == (
            "Bad Request: there is no photo in the request"
        )
        assert err(call(http, "sendDocument", chat_id=alice.id)) == (
            "Bad Request: there is no document in the request"
        )
        assert err(call(http, "sendPhoto", chat_id=alice.id, photo="attach://nothing")) == (
            "Bad Request: there is no photo in the request"
        )
        assert err(call(http, "sendPhoto", chat_id=alice.id, photo="NOSUCHFILEID")) == (
            "Bad Request: wrong file identifier/HTTP URL specified"
        )
        assert err(call(http, "sendPhoto", chat_id=alice.id, photo="https://example.com/a.jpg")) == (
            "Bad Request: failed to get HTTP URL content"
        )
        assert err(upload(http, "sendPhoto", "photo", "a.png", b"", chat_id=alice.id).json()) == (
            "Bad Request: file must be non-empty"
        )
        assert err(upload(http, "sendPhoto", "photo", "a.txt", b"not an image", chat_id=alice.id).json()) == (
            "Bad Request: IMAGE_PROCESS_FAILED"
        )
        for w, h in ((100, 2001), (6000, 4001)):  # ratio over 20; width + height over 10000
            r = upload(http, "sendPhoto", "photo", "a.png", png_header(w, h), chat_id=alice.id)
            assert err(r.json()) == "Bad Request: PHOTO_INVALID_DIMENSIONS"
        assert err(upload(http, "sendPhoto", "photo", "a.png", png_bytes(), chat_id=999).json()) == (
            "Bad Request: chat not found"
        )
        assert tg.sent_messages(alice) == []
        # nothing was kept from the refused requests: the first file stored is file_0
        for w, h in ((100, 2000), (5999, 4001)):  # the limits themselves are fine
            r = upload(http, "sendPhoto", "photo", "a.png", png_header(w, h), chat_id=alice.id).json()
            assert r["ok"], r
        fid = tg.sent_messages(alice)[0]["photo"][-1]["file_id"]
        assert call(http, "getFile", file_id=fid)["result"]["file_path"].startswith("photos/file_")
        assert [c.result["file_path"] for c in tg.calls_to("getFile")] == ["photos/file_4.png"]

    def test_photo_over_10_mb(self, tg: FakeTelegram, http: Http) -> None:
        alice = tg.user("Alice")
        image = png_bytes(64, 48)
        big = image + b"\0" * (10 * 1024 * 1024 + 1 - len(image))  # trailing bytes after IEND
        assert err(upload(http, "sendPhoto", "photo", "big.png", big, chat_id=alice.id).json()) == (
            "Bad Request: PHOTO_SAVE_FILE_INVALID"
        )
        r = upload(http, "sendPhoto", "photo", "ok.png", big[:-1], chat_id=alice.id).json()
        assert r["ok"] and r["result"]["photo"][-1]["file_size"] == 10 * 1024 * 1024

    def test_document_over_50_mb(self, tg: FakeTelegram, http: Http, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(ft_files, "MAX_DOCUMENT_BYTES", 1000)  # the real 50 MB, scaled down
        alice = tg.user("Alice")
        r = upload(http, "sendDocument", "document", "a.bin", b"x" * 1001, chat_id=alice.id)
        assert r.status_code == 413
        assert r.json() == {"ok": False, "error_code": 413, "description": "Request Entity Too Large"}
        assert upload(http, "sendDocument", "document", "a.bin", b"x" * 1000, chat_id=alice.id).json()["ok"]

    def test_caption_and_markup_checks(self, tg: FakeTelegram, http: Http) -> None:
        alice = tg.user("Alice")

        def send(**params: object) -> dict[str, Any]:
            return upload(http, "sendPhoto", "photo", "a.png", png_bytes(), chat_id=alice.id, **params).json()

        assert err(send(caption="x" * 1025)) == "Bad Request: message caption is too long"
        assert (
            err(send(caption="&amp;" * 1025, parse_mode="HTML")) == "Bad Request: message caption is too long"
        )
        assert err(send(caption="<i>x", parse_mode="HTML")).startswith("Bad Request: can't parse entities:")
        bad_kb = {"inline_keyboard": [[{"text": "b", "callback_data": "x" * 65}]]}
        assert err(send(reply_markup=bad_kb)) == "Bad Request: BUTTON_DATA_INVALID"
        assert err(send(reply_markup={"inline_keyboard": [[{"text": "none"}]]})).endswith(
            "text buttons are unallowed in the inline keyboard"
        )
        # an empty caption (also after stripping / parsing) means no caption
        for params in ({"caption": ""}, {"caption": " \n "}, {"caption": "<b></b>", "parse_mode": "HTML"}):
            r = send(**params)
            assert r["ok"] and "caption" not in r["result"], r
        r = send(
            caption=" 说明 ",
            caption_entities=[{"type": "italic", "offset": 1, "length": 2}],
            has_spoiler=True,
        )
        assert r["result"]["caption"] == "说明"
        assert r["result"]["caption_entities"] == [{"type": "italic", "offset": 0, "length": 2}]
        assert r["result"]["has_media_spoiler"] is True

    def test_attach_reference_and_json_body(self, tg: FakeTelegram, http: Http) -> None:
        alice = tg.user("Alice")
        r = http.post(
            "sendPhoto",
            data={"chat_id": str(alice.id), "photo": "attach://pic", "caption": "附件"},
            files={"pic": ("p.png", png_bytes(30, 20), "image/png")},
        ).json()
        assert r["ok"], r
        fid = r["result"]["photo"][-1]["file_id"]
        assert (r["result"]["photo"][-1]["width"], r["result"]["photo"][-1]["height"]) == (30, 20)
        # a file_id also works in a JSON body
        r2 = http.post("sendPhoto", json={"chat_id": alice.id, "photo": fid, "caption": "再发"}).json()
        assert r2["ok"] and r2["result"]["photo"] == r["result"]["photo"]
        # a photo is not a document, nor the other way round
        doc = upload(http, "sendDocument", "document", "a.txt", b"text", chat_id=alice.id).json()["result"]
        assert doc["document"]["mime_type"] == "text/plain"
        assert err(call(http, "sendPhoto", chat_id=alice.id, photo=doc["document"]["file_id"])) == (
            "Bad Request: type of file mismatch"
        )
        assert err(call(http, "sendDocument", chat_id=alice.id, document=fid)) == (
            "Bad Request: type of file mismatch"
        )

    def test_edits_of_a_photo_message(self, tg: FakeTelegram, http: Http) -> None:
        alice = tg.user("Alice")
        kb = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
        sent = upload(
            http, "sendPhoto", "photo", "a.png", png_bytes(), chat_id=alice.id, caption="图", reply_markup=kb
        ).json()["result"]
        mid = sent["message_id"]
        assert err(call(http, "editMessageText", chat_id=alice.id, message_id=mid, text="x")) == (
            "Bad Request: there is no text in the message to edit"
        )
        edited = call(http, "editMessageReplyMarkup", chat_id=alice.id, message_id=mid)["result"]
        assert "reply_markup" not in edited and "text" not in edited
        assert edited["caption"] == "图" and edited["photo"] == sent["photo"]
        assert tg.wait_for_edit(sent) == tg.message(sent)


async def test_ptb_sees_an_oversized_upload(
    fake_telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ft_files, "MAX_DOCUMENT_BYTES", 1000)  # the real 50 MB, scaled down
    alice = fake_telegram.user("Alice")
    async with application_builder(fake_telegram).build() as app:
        with pytest.raises(NetworkError, match="Request Entity Too Large"):
            await app.bot.send_document(alice.id, b"x" * 1001, filename="big.zip")
        with pytest.raises(BadRequest, match="Photo_save_file_invalid"):
            monkeypatch.setattr(ft_files, "MAX_PHOTO_BYTES", 10)
            await app.bot.send_photo(alice.id, png_bytes())


class TestGetFileAndDownload:
    def test_get_file_errors(self, tg: FakeTelegram, http: Http, monkeypatch: pytest.MonkeyPatch) -> None:
        alice = tg.user("Alice")
        assert err(call(http, "getFile")) == 'Bad Request: parameter "file_id" is required'
        assert err(call(http, "getFile", file_id="NOSUCHFILEID")) == "Bad Request: invalid file_id"
        doc = upload(http, "sendDocument", "document", "a.bin", b"y" * 100, chat_id=alice.id).json()["result"]
        fid = doc["document"]["file_id"]
        assert call(http, "getFile", file_id=fid)["result"] == {
            "file_id": fid,
            "file_unique_id": doc["document"]["file_unique_id"],
            "file_size": 100,
            "file_path": "documents/file_0.bin",
        }
        monkeypatch.setattr(ft_files, "MAX_DOWNLOAD_BYTES", 99)  # the real 20 MB, scaled down
        assert err(call(http, "getFile", file_id=fid)) == "Bad Request: file is too big"

    def test_download_urls(self, tg: FakeTelegram, http: Http, client: httpx.Client) -> None:
        alice = tg.user("Alice")
        sent = upload(http, "sendPhoto", "photo", "a.png", png_bytes(), chat_id=alice.id).json()["result"]
        path = call(http, "getFile", file_id=sent["photo"][-1]["file_id"])["result"]["file_path"]
        assert path.startswith("photos/") and path.endswith(".png")
        r = client.get(f"{tg.base_file_url}{TOKEN}/{path}")
        assert r.status_code == 200 and r.content == png_bytes()
        assert r.headers["content-type"] == "application/octet-stream"
        assert client.get(f"{tg.base_file_url}{TOKEN}/photos/nothing.png").status_code == 404
        assert client.get(f"{tg.base_file_url}123456:WRONG/{path}").status_code == 404
        assert tg.downloads == [path]
        # downloads are not Bot API calls
        assert [c.method for c in tg.calls] == ["sendPhoto", "getFile"]


# ================================================================================================
# the image sniffer
# ================================================================================================
def test_image_size() -> None:
    assert image_size(png_bytes(7, 5)) == (".png", 7, 5)
    assert image_size(b"GIF89a" + struct.pack("<HH", 10, 20) + b"\0" * 10) == (".gif", 10, 20)
    jpeg = (
        b"\xff\xd8"
        + b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\0" + b"\0" * 9  # APP0
        + b"\xff\xc0" + struct.pack(">HBHH", 17, 8, 480, 640) + b"\0" * 10  # SOF0: height, width
    )  # fmt: skip
    assert image_size(jpeg) == (".jpg", 640, 480)
    vp8x = b"RIFF\0\0\0\0WEBPVP8X" + b"\0" * 8 + (299).to_bytes(3, "little") + (199).to_bytes(3, "little")
    assert image_size(vp8x) == (".webp", 300, 200)
    for junk in (b"", b"\xff\xd8", b"%PDF-1.4", b"\x89PNG\r\n\x1a\n", png_bytes(1, 1)[:20]):
        assert image_size(junk) is None


def test_photo_sizes_of_a_small_photo(tg: FakeTelegram, http: Http) -> None:
    alice = tg.user("Alice")
    t0 = time.monotonic()
    r = upload(http, "sendPhoto", "photo", "a.png", png_bytes(60, 40), chat_id=alice.id).json()
    assert [(p["width"], p["height"]) for p in r["result"]["photo"]] == [(60, 40)]  # no thumbnails
    r = upload(http, "sendPhoto", "photo", "a.png", png_header(3000, 200), chat_id=alice.id).json()
    assert [(p["width"], p["height"]) for p in r["result"]["photo"]] == [
        (90, 6), (320, 21), (800, 53), (1280, 85), (2560, 171)
    ]  # fmt: skip
    assert time.monotonic() - t0 < 5
