"""Editors send an issue to the bot: the real PTB application against the fake Bot API
server, which keeps the user's file for getFile and the download route as Telegram does."""

from __future__ import annotations

import io
import zipfile
from collections.abc import AsyncIterator

import pypdf
import pytest

from bot.app import build_application
from bot.render import ORIGINAL, UNDO
from bot.replies import UPLOAD_NOT_ADMIN
from retrieval import Archive
from tests.fake_telegram import FakeTelegram
from tests.helpers.bot import ADMIN, ask, bot_settings, buttons, polling
from tests.helpers.pdfpages import broken_pdf, encrypted_pdf, fact_page, issue_pdf, page_pdf, scan_pdf

TITLE = "青石镇首届银杏节开幕"
BODY = (
    "本报讯（记者 王小明 通讯员 李青）11月30日，青石镇首届银杏节在古银杏林开幕，三天里吸引游客三万余人次，"
    "带动周边民宿营收一百二十万元。活动期间，镇里还举办了银杏摄影大赛和非遗市集，"
    "不少游客专程从外地赶来。"
)


@pytest.fixture
def own(own_archive: Archive) -> Archive:
    return own_archive


@pytest.fixture
async def bot(tg: FakeTelegram, own: Archive) -> AsyncIterator[FakeTelegram]:
    async with polling(build_application(bot_settings(tg), own)):
        yield tg


async def test_editor_sends_a_pdf_asks_opens_the_original_and_undoes(bot: FakeTelegram, own: Archive) -> None:
    editor = bot.user("Editor", user_id=ADMIN)
    [before] = await ask(bot, editor, "银杏节吸引了多少游客")
    assert TITLE not in before["text"]
    pdf = fact_page("今日拱墅", "2025-12-05", 3, TITLE, BODY)
    bot.send_document(editor, file_name="2025-12-05-03.pdf", content=pdf, caption="2025-12-05")
    wait, summary = await bot.wait_for_messages_async(editor, 2, timeout=30)
    assert "正在导入" in wait["text"]
    assert "已导入" in summary["text"] and TITLE in summary["text"] and "2025-11-30" in summary["text"]
    assert bot.downloads, "the bot fetched the file through the download route"
    assert UNDO in buttons(summary)
    stored = own.corpus_dir / "uploads" / "2025-12-05" / "2025-12-05-03.pdf"
    assert stored.read_bytes() == pdf

    [answer] = await ask(bot, editor, "银杏节吸引了多少游客")
    assert TITLE in answer["text"] and "三万余人次" in answer["text"]
    qid = bot.press(editor, answer, buttons(answer)["📄 1 全文"])
    await bot.wait_for_callback_answer_async(qid)
    [article] = await bot.wait_for_messages_async(editor, 1)
    assert article["text"].startswith(TITLE)
    qid = bot.press(editor, article, buttons(article)[ORIGINAL])
    await bot.wait_for_callback_answer_async(qid)
    [page] = await bot.wait_for_messages_async(editor, 1)
    assert page["document"]["file_name"].endswith(".pdf")
    sent = bot.file_bytes(page["document"]["file_id"])
    assert sent == pdf and TITLE in page["caption"]

    qid = bot.press(editor, summary, buttons(summary)[UNDO])
    await bot.wait_for_callback_answer_async(qid)
    [undone] = await bot.wait_for_messages_async(editor, 1)
    assert "已撤销" in undone["text"]
    assert not stored.exists()
    [after] = await ask(bot, editor, "银杏节吸引了多少游客")
    assert TITLE not in after["text"]


async def test_issue_pdf_pages_and_original_of_one_page(bot: FakeTelegram, own: Archive) -> None:
    editor = bot.user("Editor", user_id=ADMIN)
    pdf = issue_pdf(_two_pages())
    bot.send_document(editor, file_name="issue.pdf", content=pdf)
    _, summary = await bot.wait_for_messages_async(editor, 2, timeout=30)
    assert "issue.pdf 第1页" in summary["text"] and "issue.pdf 第2页" in summary["text"]
    arts = [a for a in own.articles() if own.store.article(a.id).source.startswith("uploads/")]
    assert {own.store.article(a.id).source.rsplit("#", 1)[1] for a in arts} == {"1", "2"}
    second = next(a for a in arts if own.store.article(a.id).source.endswith("#2"))
    found = own.original(second.id)
    assert found is not None
    assert len(pypdf.PdfReader(io.BytesIO(found[1])).pages) == 1


def _two_pages() -> list[str]:
    from tests.helpers.pdfpages import NAMES, manifest_row

    by_issue: dict[tuple[str, str], list[str]] = {}
    for n in NAMES:
        paper, day, _ = manifest_row(n)
        by_issue.setdefault((paper, day), []).append(n)
    return next(v for v in by_issue.values() if len(v) >= 2)[:2]


async def test_a_zip_of_an_issue(bot: FakeTelegram) -> None:
    editor = bot.user("Editor", user_id=ADMIN)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n in _two_pages():
            z.writestr(f"{n}.pdf", page_pdf(n))
    bot.send_document(editor, file_name="issue.zip", content=buf.getvalue(), mime_type="application/zip")
    _, summary = await bot.wait_for_messages_async(editor, 2, timeout=30)
    assert "已导入" in summary["text"] and summary["text"].count("📄") == 2


async def test_non_admin_is_refused_and_nothing_is_downloaded(bot: FakeTelegram) -> None:
    reader = bot.user("Reader")
    bot.send_document(reader, file_name="page.pdf", content=fact_page("今日拱墅", "2025-12-05", 1, TITLE, BODY))
    [msg] = await bot.wait_for_messages_async(reader, 1)
    assert msg["text"] == UPLOAD_NOT_ADMIN
    assert not bot.calls_to("getFile") and not bot.downloads


async def test_a_file_over_the_download_limit_is_refused_before_downloading(bot: FakeTelegram) -> None:
    editor = bot.user("Editor", user_id=ADMIN)
    bot.send_document(editor, file_name="big.pdf", content=b"%PDF-1.4", file_size=25 * 2**20)
    [msg] = await bot.wait_for_messages_async(editor, 1)
    assert "20 MB" in msg["text"] and "25.0 MB" in msg["text"]
    assert not bot.calls_to("getFile")


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("broken.pdf", broken_pdf(), "PDF"),
        ("locked.pdf", encrypted_pdf(), "密码"),
        ("scan.pdf", scan_pdf(), "没有文字层"),
        ("notes.docx", b"PK", "不是版面文件"),
    ],
)
async def test_unreadable_uploads_get_a_clear_message_and_change_nothing(
    bot: FakeTelegram, own: Archive, name: str, data: bytes, says: str
) -> None:
    editor = bot.user("Editor", user_id=ADMIN)
    before = own.stats().articles
    bot.send_document(editor, file_name=name, content=data, caption="2025-12-05")
    msgs = await bot.wait_for_messages_async(editor, 1 if name.endswith(".docx") else 2, timeout=30)
    assert says in msgs[-1]["text"]
    assert UNDO not in buttons(msgs[-1])
    assert own.stats().articles == before
    assert not any((own.corpus_dir / "uploads").rglob("*.pdf")) if (own.corpus_dir / "uploads").exists() else True


async def test_documents_sent_together_are_one_upload(bot: FakeTelegram, own: Archive) -> None:
    editor = bot.user("Editor", user_id=ADMIN)
    first, second = _two_pages()
    bot.send_document(editor, file_name=f"{first}.pdf", content=page_pdf(first), caption="2024-06-14", media_group_id="a1")
    bot.send_document(editor, file_name=f"{second}.pdf", content=page_pdf(second), media_group_id="a1")
    wait, summary = await bot.wait_for_messages_async(editor, 2, timeout=30)
    assert f"{first}.pdf" in wait["text"] and f"{second}.pdf" in wait["text"]
    assert summary["text"].count("📄") == 2 and "新增 2" in summary["text"]
    await bot.assert_no_messages_async(editor, within=2.0)  # one reply for the album, not one per file
    qid = bot.press(editor, summary, buttons(summary)[UNDO])
    await bot.wait_for_callback_answer_async(qid)
    [undone] = await bot.wait_for_messages_async(editor, 1)
    assert "移除 2 个新版面" in undone["text"]
