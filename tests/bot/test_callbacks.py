"""bot/callbacks.py: every button round-trips, and anything a client may send decodes to a
button or to None (never an exception)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.callbacks import (
    ArticleButton,
    Callback,
    DateButton,
    OriginalButton,
    PageButton,
    PageState,
    QueryButton,
    RelatedButton,
    UndoButton,
    UnsubscribeButton,
    decode,
    encode,
)


@given(
    st.one_of(
        st.builds(PageButton, st.text(alphabet="abcdefghijklmnopqrstuvwxyzABC0123456789-_", min_size=1, max_size=16),
                  st.integers(0, 10_000)),
        st.builds(ArticleButton, st.integers(0, 10**12)),
        st.builds(DateButton, st.text(min_size=1, max_size=20)),
        st.builds(OriginalButton, st.integers(0, 10**12)),
        st.builds(RelatedButton, st.integers(0, 10**12)),
        st.builds(UndoButton, st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=20)),
        st.builds(QueryButton, st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=20)),
        st.builds(UnsubscribeButton, st.integers(0, 10**12)),
    )
)
def test_buttons_round_trip(button: Callback) -> None:
    assert decode(encode(button)) == button


@given(st.text(max_size=80))
def test_anything_decodes_to_a_button_or_none(data: str) -> None:
    button = decode(data)
    assert button is None or decode(encode(button)) == button


def test_malformed_data_is_none() -> None:
    for data in ["", "p:", "p:tok:", "p::3", "p:tok:x", "a:", "a:12a", "a:-1", "a:１２", "d:", "z:1", "x:", "x:1a", "x:-1", "q:", "p:tok:١",
                 "r:", "r:x", "o:-2", "u:"]:
        assert decode(data) is None, data


def test_page_states_keep_the_saved_payload_keys() -> None:
    """Tokens saved before an upgrade hold these payloads: they must still decode."""
    assert PageState.from_payload({"k": "s", "q": "招商"}) == PageState("search", "招商")
    assert PageState.from_payload({"k": "d", "e": "2024-06-14"}) == PageState("date", "2024-06-14")
    assert PageState.from_payload({"k": "l"}) == PageState("latest")
    assert PageState.from_payload({"k": "t"}) == PageState("today")
    assert PageState.from_payload({"k": "?"}) is None
    for state in [PageState("search", "高质量发展"), PageState("date", "6月14日"), PageState("latest")]:
        assert PageState.from_payload(state.to_payload()) == state
