"""HTTP plumbing: the server, one request's way from bytes to a Bot API method and back.

* :class:`_Server` / :class:`_Handler`: a ``ThreadingHTTPServer`` on 127.0.0.1 (daemon threads,
  HTTP/1.1 keep-alive, a listen backlog big enough for the load tests);
* :func:`parse_body`: a JSON, ``application/x-www-form-urlencoded`` or ``multipart/form-data``
  body into raw parameters (an uploaded file becomes ``{"filename", "content", "content_type"}``);
* :func:`normalize_params`: nested JSON fields decoded, ints and bools coerced, as Telegram does;
* :class:`Transport`: the lifecycle (``start``/``close``/URLs), the dispatch of
  ``/bot<token>/<method>`` through ``methods.METHODS`` (recording an :class:`~.model.ApiCall`
  and applying injected faults, see :meth:`Transport.fail_next`) and of file downloads
  ``/file/bot<token>/<file_path>`` (served by ``files.py``).
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import threading
import time
import urllib.parse
from collections import deque
from email import policy as email_policy
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any, Self

from .methods import METHODS
from .model import ApiCall, ApiError, Fault, bad
from .state import FakeState

__all__ = ["Transport", "normalize_params", "parse_body"]

Payload = dict[str, Any] | bytes  # a JSON body, or the raw bytes of a file download

_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "reply_parameters",
        "link_preview_options",
        "entities",
        "caption_entities",
        "results",
        "commands",
        "scope",
        "allowed_updates",
        "button",
        "media",
    }
)
_INT_FIELDS = frozenset(
    {
        "chat_id",
        "message_id",
        "offset",
        "limit",
        "timeout",
        "cache_time",
        "reply_to_message_id",
        "message_thread_id",
        "max_connections",
    }
)
_BOOL_FIELDS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "show_alert",
        "is_personal",
        "drop_pending_updates",
        "disable_web_page_preview",
        "allow_sending_without_reply",
        "allow_paid_broadcast",
        "has_spoiler",
        "show_caption_above_media",
        "disable_content_type_detection",
    }
)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256  # a load test opens many connections at once; 5 (the default) drops some
    fake: Transport


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server
    timeout = 120  # idle keep-alive connections are dropped eventually

    def setup(self) -> None:
        super().setup()
        with contextlib.suppress(OSError):  # avoid Nagle/delayed-ACK stalls on keep-alive
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.fake._track_connection(self.connection, add=True)

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()
        self.server.fake._track_connection(self.connection, add=False)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        fake = self.server.fake
        with fake._lock:
            fake._in_flight += 1
        try:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            status, payload = fake._handle_http(self.path, self.headers.get("Content-Type", ""), body)
            if isinstance(payload, bytes):
                data, ctype = payload, "application/octet-stream"
            else:
                data, ctype = json.dumps(payload, ensure_ascii=False).encode("utf-8"), "application/json"
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:
            # the client went away (e.g. PTB cancelled a long poll)
            self.close_connection = True
        finally:
            with fake._cond:
                fake._in_flight -= 1
                fake._cond.notify_all()
        if fake._closing.is_set():
            self.close_connection = True


def parse_body(content_type: str, body: bytes) -> dict[str, Any]:
    ctype = content_type.split(";", 1)[0].strip().lower()
    if not body:
        return {}
    if ctype == "application/json":
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise bad("can't parse JSON encoded request parameters") from err
        if not isinstance(data, dict):
            raise bad("can't parse JSON encoded request parameters")
        return data
    if ctype == "multipart/form-data":
        msg = BytesParser(policy=email_policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
        )
        out: dict[str, Any] = {}
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if not isinstance(name, str):
                continue
            payload = part.get_payload(decode=True)
            payload = payload if isinstance(payload, bytes) else b""
            filename = part.get_filename()
            if filename is not None:
                out[name] = {
                    "filename": filename,
                    "content": payload,
                    "content_type": part.get_content_type(),
                }
            else:
                out[name] = payload.decode("utf-8")
        return out
    # application/x-www-form-urlencoded (what PTB's HTTPXRequest sends) and anything else
    pairs = urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True)
    return dict(pairs)


def normalize_params(raw: dict[str, Any]) -> dict[str, Any]:
    """Decode JSON-serialized nested fields and coerce numeric/boolean strings, like Telegram."""
    params: dict[str, Any] = {}
    for key, value in raw.items():
        if key in _JSON_FIELDS and isinstance(value, str):
            try:
                value = json.loads(value)
            except json.JSONDecodeError as err:
                if key == "reply_markup":
                    raise bad("can't parse reply keyboard markup JSON object") from err
                raise bad(f"can't parse {key} JSON object") from err
        elif key in _INT_FIELDS and isinstance(value, str):
            if re.fullmatch(r"-?\d+", value.strip()):
                value = int(value)
            elif key != "chat_id":
                raise bad(f"invalid {key} specified")
        elif key in _BOOL_FIELDS and isinstance(value, str):
            value = value.strip().lower() in ("true", "1")
        params[key] = value
    return params


class Transport(FakeState):
    if TYPE_CHECKING:  # provided by files.FileApi

        def _serve_download(self, file_path: str) -> tuple[int, Payload]: ...

    # -- lifecycle -----------------------------------------------------------------------------
    def start(self) -> Self:
        if self._server is not None:
            return self
        server = _Server((self._host, self._port), _Handler)
        server.fake = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-telegram", daemon=True
        )
        self._thread.start()
        return self

    def close(self) -> None:
        server = self._server
        if server is None:
            return
        self._closing.set()
        with self._cond:
            self._cond.notify_all()
        server.shutdown()
        server.server_close()
        with self._cond:
            # let pending requests (woken long polls) finish their responses first
            self._cond.wait_for(lambda: self._in_flight == 0, timeout=2)
            conns = list(self._connections)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        if self._thread is not None:
            self._thread.join(timeout=5)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            with self._lock:
                if not self._connections:
                    break
            time.sleep(0.01)
        self._server = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _track_connection(self, conn: socket.socket, *, add: bool) -> None:
        with self._lock:
            if add:
                self._connections.add(conn)
            else:
                self._connections.discard(conn)

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("FakeTelegram is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def base_url(self) -> str:
        """For ``ApplicationBuilder.base_url`` (PTB appends the token)."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """For ``ApplicationBuilder.base_file_url``; files download from
        ``{base_file_url}{token}/{file_path}`` (``file_path`` from ``getFile``)."""
        return f"{self.url}/file/bot"

    # -- fault injection ------------------------------------------------------------------------
    def fail_next(
        self,
        method: str,
        *,
        status: int | None = None,
        description: str | None = None,
        retry_after: int | None = None,
        delay: float = 0.0,
        times: int = 1,
    ) -> None:
        """Make the next ``times`` calls to ``method`` fail.

        ``status=429`` (or just ``retry_after=N``): flood control with ``parameters.retry_after``;
        ``status=500/502/403/400``: that error; ``delay=s`` without status: answer normally after
        sleeping ``s`` seconds (with status: sleep, then fail).
        """
        if status is None and retry_after is not None:
            status = 429
        if status is None and delay <= 0:
            status = 500
        if status == 429 and retry_after is None:
            retry_after = 1
        with self._lock:
            q = self._faults.setdefault(method.lower(), deque())
            for _ in range(times):
                q.append(Fault(status, description, retry_after, delay))

    # -- dispatch -------------------------------------------------------------------------------
    def _handle_http(self, path: str, content_type: str, body: bytes) -> tuple[int, Payload]:
        parsed = urllib.parse.urlsplit(path)
        d = re.fullmatch(r"/file/bot([^/]*)/(.+)", parsed.path)
        if d is not None:
            if urllib.parse.unquote(d.group(1)) != self.token:  # PTB sends ':' as %3A
                return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
            return self._serve_download(urllib.parse.unquote(d.group(2)))
        m = re.fullmatch(r"/bot([^/]*)/([A-Za-z0-9_]*)", parsed.path)
        if m is None:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        token, method = m.groups()
        if token != self.token:
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        handler = METHODS.get(method.lower())
        call = ApiCall(method, {})
        try:
            raw = dict(urllib.parse.parse_qsl(parsed.query, keep_blank_values=True))
            raw.update(parse_body(content_type, body))
            call.params = raw
            params = normalize_params(raw)
            call.params = params
        except ApiError as err:
            params = None
            error: ApiError | None = err
        else:
            error = None
        with self._cond:
            self.calls.append(call)
            self._cond.notify_all()
        if handler is None:
            return self._finish(call, ApiError(404, "Not Found"))
        if error is not None:
            return self._finish(call, error)
        assert params is not None
        fault = None
        with self._lock:
            q = self._faults.get(method.lower())
            if q:
                fault = q.popleft()
        if fault is not None:
            if fault.delay > 0:
                self._closing.wait(fault.delay)
            if fault.status is not None:
                return self._finish(call, _fault_error(fault))
        try:
            result = handler(self, params)
        except ApiError as err:
            return self._finish(call, err)
        except Exception as err:  # a bug in the fake: make it visible
            return self._finish(call, ApiError(500, f"Internal Server Error: fake bug: {err!r}"))
        return self._finish(call, result)

    def _finish(self, call: ApiCall, outcome: Any) -> tuple[int, Payload]:
        with self._cond:
            if isinstance(outcome, ApiError):
                call.status = outcome.status
                call.description = outcome.description
                body = outcome.body()
            else:
                call.status = 200
                call.result = outcome
                body = {"ok": True, "result": outcome}
            self._cond.notify_all()
        return call.status, body


def _fault_error(f: Fault) -> ApiError:
    status = f.status or 500
    if status == 429:
        ra = f.retry_after or 1
        return ApiError(429, f.description or f"Too Many Requests: retry after {ra}", {"retry_after": ra})
    default = {
        400: "Bad Request: injected failure",
        401: "Unauthorized",
        403: "Forbidden: bot was blocked by the user",
        404: "Not Found",
        409: "Conflict: terminated by other getUpdates request; "
        "make sure that only one bot instance is running",
        500: "Internal Server Error",
        502: "Bad Gateway",
    }.get(status, "Injected failure")
    return ApiError(status, f.description or default)
