"""Files the bot sends and fetches: ``sendPhoto``, ``sendDocument``, ``getFile`` and downloads.

A file arrives as a multipart part (what python-telegram-bot makes of an ``InputFile``), as an
``attach://<part name>`` reference to one, or as the ``file_id`` of a file the bot uploaded
before (resending a photo sends all its sizes; a photo can't be resent as a document or the
other way round). The fake checks what the real Bot API checks, with its error descriptions:

* ``photo``: at most 10 MB (``PHOTO_SAVE_FILE_INVALID``), a JPEG/PNG/GIF/WebP image
  (``IMAGE_PROCESS_FAILED``) whose width + height is at most 10000 and whose sides' ratio is at
  most 20 (``PHOTO_INVALID_DIMENSIONS``); ``document``: at most 50 MB (``413 Request Entity Too
  Large``); neither may be empty, nor missing (``there is no photo in the request``). An HTTP URL
  is refused with ``failed to get HTTP URL content``: the fake fetches nothing;
* ``caption``: at most 1024 UTF-16 units after entity parsing, ``parse_mode=HTML`` through the
  strict checker (``checks.format_caption``); ``reply_markup`` as for ``sendMessage``.

The stored message has ``photo`` (PhotoSize dicts, smallest first: thumbnails fitting 90, 320,
800 and 1280 px as the original is bigger, then the original capped at 2560 px) or ``document``
(file_name, mime_type from the file name's extension), and ``caption``/``caption_entities``.
The uploaded bytes are kept: :meth:`FileApi.file_bytes` in a test, or ``getFile`` (at most
20 MB, ``file is too big``) then a download of ``{base_file_url}{token}/{file_path}``.
"""

from __future__ import annotations

import copy
import mimetypes
import struct
from typing import Any

from .checks import check_markup, format_caption
from .model import ApiError, StoredFile, bad
from .state import FakeState

__all__ = ["FileApi", "image_size"]

MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024
_THUMBNAIL_BOXES = (90, 320, 800, 1280)
_MAX_PHOTO_SIDE = 2560


class FileApi(FakeState):
    def file_bytes(self, file_id: str) -> bytes:
        """The bytes the bot uploaded as ``file_id`` (any size of a photo: the uploaded image)."""
        with self._lock:
            stored = self._files.get(file_id)
            if stored is None:
                raise KeyError(f"no file uploaded by the bot with file_id {file_id!r}")
            return stored.content

    # -- Bot API methods ------------------------------------------------------------------------
    def _api_sendphoto(self, p: dict[str, Any]) -> Any:
        return self._send_media(p, "photo")

    def _api_senddocument(self, p: dict[str, Any]) -> Any:
        return self._send_media(p, "document")

    def _api_getfile(self, p: dict[str, Any]) -> Any:
        file_id = p.get("file_id")
        if not file_id:
            raise bad('parameter "file_id" is required')
        with self._lock:
            stored = self._files.get(str(file_id))
            if stored is None:
                raise bad("invalid file_id")
            if stored.file_size > MAX_DOWNLOAD_BYTES:
                raise bad("file is too big")
            return {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "file_size": stored.file_size,
                "file_path": stored.file_path,
            }

    def _serve_download(self, file_path: str) -> tuple[int, dict[str, Any] | bytes]:
        with self._cond:
            stored = self._file_paths.get(file_path)
            if stored is None:
                return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
            self.downloads.append(file_path)
            self._cond.notify_all()
            return 200, stored.content

    # -- internals ------------------------------------------------------------------------------
    def _send_media(self, p: dict[str, Any], kind: str) -> Any:
        with self._cond:
            source = self._input_file(p, kind)
            caption = format_caption(p.get("caption"), p.get("parse_mode"), p.get("caption_entities"))
            markup = check_markup(p.get("reply_markup"))
            chat = self._resolve_chat(p)
            replied = self._reply_to(chat, p)
            media = source.media if isinstance(source, StoredFile) else self._store_upload(source, kind)
            msg = self._bot_message_head(chat)
            msg[kind] = copy.deepcopy(media)
            if caption is not None:
                msg["caption"] = caption[0]
                if caption[1]:
                    msg["caption_entities"] = caption[1]
            if kind == "photo" and p.get("has_spoiler"):
                msg["has_media_spoiler"] = True
            if p.get("show_caption_above_media"):
                msg["show_caption_above_media"] = True
            if markup is not None:
                msg["reply_markup"] = markup
            if replied is not None:
                msg["reply_to_message"] = replied
            return self._record_bot_message(chat, msg)

    def _input_file(self, p: dict[str, Any], kind: str) -> StoredFile | dict[str, Any]:
        """The file of a send method: a validated upload, or the StoredFile of a resent file_id."""
        missing = bad(f"there is no {kind} in the request")
        value = p.get(kind)
        if isinstance(value, str) and value.startswith("attach://"):
            value = p.get(value[len("attach://") :])
            if not isinstance(value, dict):
                raise missing
        if isinstance(value, dict) and isinstance(value.get("content"), bytes):
            self._check_upload(value, kind)
            return value
        if not isinstance(value, str) or not value.strip():
            raise missing
        if value.startswith(("http://", "https://")):
            raise bad("failed to get HTTP URL content")
        stored = self._files.get(value)
        if stored is None:
            raise bad("wrong file identifier/HTTP URL specified")
        if stored.kind != kind:
            raise bad("type of file mismatch")
        return stored

    def _check_upload(self, upload: dict[str, Any], kind: str) -> None:
        content: bytes = upload["content"]
        if not content:
            raise bad("file must be non-empty")
        if kind == "document":
            if len(content) > MAX_DOCUMENT_BYTES:
                raise ApiError(413, "Request Entity Too Large")
            return
        if len(content) > MAX_PHOTO_BYTES:
            raise bad("PHOTO_SAVE_FILE_INVALID")
        size = image_size(content)
        if size is None:
            raise bad("IMAGE_PROCESS_FAILED")
        _, w, h = size
        if w + h > 10_000 or max(w, h) > 20 * min(w, h):
            raise bad("PHOTO_INVALID_DIMENSIONS")

    def _store_upload(self, upload: dict[str, Any], kind: str) -> Any:
        """Keep an uploaded file (every PhotoSize of a photo); return the message's media field."""
        content: bytes = upload["content"]
        if kind == "document":
            file_name = str(upload.get("filename") or "file")
            mime = (
                mimetypes.guess_type(file_name)[0] or upload.get("content_type") or "application/octet-stream"
            )
            if "." in file_name:
                ext = "." + file_name.rsplit(".", 1)[1]
            else:
                ext = mimetypes.guess_extension(mime) or ""
            fid, n = self._file_id("document"), next(self._ids)
            doc: dict[str, Any] = {
                "file_id": fid,
                "file_unique_id": f"AgAD{n:08d}",
                "file_name": file_name,
                "mime_type": mime,
                "file_size": len(content),
            }
            self._keep(StoredFile(fid, f"AgAD{n:08d}", kind, content, len(content), "", doc), ext)
            return doc
        size = image_size(content)
        assert size is not None  # checked by _check_upload
        ext, w, h = size
        sizes: list[dict[str, Any]] = []
        for tw, th in _photo_sizes(w, h):
            fid, n = self._file_id("photo"), next(self._ids)
            file_size = len(content) if (tw, th) == (w, h) else max(1, len(content) * tw * th // (w * h))
            sizes.append(
                {
                    "file_id": fid,
                    "file_unique_id": f"AQAD{n:08d}",
                    "width": tw,
                    "height": th,
                    "file_size": file_size,
                }
            )
        for ps in sizes:
            self._keep(
                StoredFile(ps["file_id"], ps["file_unique_id"], kind, content, ps["file_size"], "", sizes),
                ext,
            )
        return sizes

    def _keep(self, stored: StoredFile, ext: str) -> None:
        folder = "photos" if stored.kind == "photo" else "documents"
        stored.file_path = f"{folder}/file_{len(self._file_paths)}{ext}"
        self._files[stored.file_id] = stored
        self._file_paths[stored.file_path] = stored


def _photo_sizes(w: int, h: int) -> list[tuple[int, int]]:
    """The (width, height) of Telegram's PhotoSizes of a ``w``x``h`` photo, smallest first."""
    longest = max(w, h)

    def fit(box: int) -> tuple[int, int]:
        scale = min(1.0, box / longest)
        return max(1, round(w * scale)), max(1, round(h * scale))

    return [fit(box) for box in _THUMBNAIL_BOXES if longest > box] + [fit(_MAX_PHOTO_SIDE)]


def image_size(data: bytes) -> tuple[str, int, int] | None:
    """``(extension, width, height)`` of a JPEG, PNG, GIF or WebP image, else ``None``."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR" and len(data) >= 24:
        w, h = struct.unpack(">II", data[16:24])
        return (".png", w, h) if w and h else None
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        w, h = struct.unpack("<HH", data[6:10])
        return (".gif", w, h) if w and h else None
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp_size(data)
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[str, int, int] | None:
    i = 2
    while i + 9 <= len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD9)):  # no length
            i += 2
            continue
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):  # start of frame
            h, w = struct.unpack(">HH", data[i + 5 : i + 9])
            return (".jpg", w, h) if w and h else None
        i += 2 + length
    return None


def _webp_size(data: bytes) -> tuple[str, int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8 " and len(data) >= 30:
        w, h = struct.unpack("<HH", data[26:30])
        w, h = w & 0x3FFF, h & 0x3FFF
    elif chunk == b"VP8L" and len(data) >= 25:
        b = data[21:25]
        w = 1 + (b[0] | (b[1] & 0x3F) << 8)
        h = 1 + (b[1] >> 6 | b[2] << 2 | (b[3] & 0x0F) << 10)
    elif chunk == b"VP8X" and len(data) >= 30:
        w = 1 + int.from_bytes(data[24:27], "little")
        h = 1 + int.from_bytes(data[27:30], "little")
    else:
        return None
    return (".webp", w, h) if w and h else None
