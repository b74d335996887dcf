"""Tests of the fake Telegram Bot API (``tests/fake_telegram``): the strict HTML checker."""

from __future__ import annotations

import html

import pytest

from tests.fake_telegram import HtmlParseError, parse_html, utf16_len


class TestHtml:
    def test_plain(self) -> None:
        assert parse_html("hello 世界") == ("hello 世界", [])

    def test_nested_tags(self) -> None:
        text, ents = parse_html("<b>bold <i>both</i></b> <a href='https://x.cn/?a=1&amp;b=2'>link</a>")
        assert text == "bold both link"
        assert ents == [
            {"offset": 0, "length": 9, "type": "bold"},
            {"offset": 5, "length": 4, "type": "italic"},
            {"offset": 10, "length": 4, "type": "text_link", "url": "https://x.cn/?a=1&b=2"},
        ]

    def test_all_supported_tags(self) -> None:
        src = (
            "<strong>a</strong><em>b</em><u>c</u><ins>d</ins><s>e</s><strike>f</strike><del>g</del>"
            '<span class="tg-spoiler">h</span><tg-spoiler>i</tg-spoiler><code>j</code>'
            '<pre><code class="language-python">k</code></pre><blockquote>l</blockquote>'
            '<blockquote expandable>m</blockquote><tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>'
            '<a href="tg://user?id=42">n</a>'
        )
        text, ents = parse_html(src)
        assert text == "abcdefghijklm👍n"
        types = [e["type"] for e in ents]
        assert types == [
            "bold", "italic", "underline", "underline", "strikethrough", "strikethrough",
            "strikethrough", "spoiler", "spoiler", "code", "pre", "blockquote",
            "expandable_blockquote", "custom_emoji", "text_mention",
        ]  # fmt: skip
        pre = next(e for e in ents if e["type"] == "pre")
        assert pre["language"] == "python"

    def test_entities_decoded(self) -> None:
        assert parse_html("&lt;b&gt; &amp; &quot;x&quot; &#39;&#x27;&#20013;")[0] == "<b> & \"x\" ''中"

    def test_bare_gt_accepted(self) -> None:
        assert parse_html("a > b")[0] == "a > b"

    def test_html_escape_output_is_valid(self) -> None:
        nasty = "<script>alert('x') & \"y\"</script> 1 < 2"
        assert parse_html(f"<b>{html.escape(nasty)}</b>")[0] == nasty

    @pytest.mark.parametrize(
        ("src", "fragment"),
        [
            ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
            ("<b><i>x</b></i>", "Unmatched end tag"),
            ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
            ("x</b>", "Unexpected end tag at byte offset 1"),
            ("<div>x</div>", 'Unsupported start tag "div" at byte offset 0'),
            ("<br/>", 'Unsupported start tag "br"'),
            ("<span>x</span>", 'must have class "tg-spoiler"'),
            ("a < b", 'Unsupported start tag "" at byte offset 2'),
            ("a & b", "Character '&' at byte offset 2"),
            ("&nbsp;", "Unsupported HTML entity"),
            ("AT&T", "Character '&'"),
            ("<b", "Unclosed start tag"),
            ('<a href="x', "Unclosed start tag"),
            ('<a href="x<y">z</a>', "Character '<' in attribute value"),
            ("<code><b>x</b></code>", 'can\'t be nested in "code"'),
            ("<pre>a<b>x</b></pre>", 'can\'t be nested in "pre"'),
            ("<blockquote><blockquote>x</blockquote></blockquote>", "blockquote"),
            ('<a href="https://a.cn"><a href="https://b.cn">x</a></a>', 'can\'t be nested in "a"'),
            ("<a>x</a>", "href"),
            ("中文<b>x</c>", "byte offset 10"),  # byte offsets count UTF-8 bytes
        ],
    )
    def test_errors(self, src: str, fragment: str) -> None:
        with pytest.raises(HtmlParseError) as exc:
            parse_html(src)
        assert fragment in str(exc.value)

    def test_utf16_offsets(self) -> None:
        text, ents = parse_html("😀<b>中文😀x</b>")
        assert text == "😀中文😀x"
        assert ents == [{"offset": 2, "length": 5, "type": "bold"}]
        assert utf16_len("😀") == 2
        assert utf16_len("中") == 1
        assert utf16_len(text) == 7

    def test_empty_entities_dropped(self) -> None:
        assert parse_html("<b></b>x") == ("x", [])
