"""Web chat session tokens: issued and signed by the server, and the rules that bind a socket to one of them."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from channels.webchat import STATIC_DIR, parse_webchat_payload
from channels.webchat_sessions import TOKEN, Refusal, Session, SessionSigner, authorise, resume_or_issue

SIGNER = SessionSigner("test key")
OTHER_SERVER = SessionSigner("another key")
MINE = SIGNER.issue()
THEIRS = SIGNER.issue()

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=80),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)
SESSION_IDS = st.one_of(
    JSON,
    st.just(MINE.token),
    st.just(THEIRS.token),
    st.just(MINE.id),
    st.just(OTHER_SERVER.issue().token),
    st.text(alphabet="0123456789abcdef.ABCXYZ_-", min_size=70, max_size=80),
)
PAYLOADS = st.one_of(JSON, st.fixed_dictionaries({"session_id": SESSION_IDS}, optional={"message": JSON}))


def test_issued_sessions_are_random_signed_and_verify() -> None:
    first, second = SIGNER.issue(), SIGNER.issue()
    assert first.id != second.id
    assert TOKEN.match(first.token) and first.token.startswith(first.id + ".")
    assert SIGNER.verify(first.token) == first


@pytest.mark.parametrize(
    "token",
    [
        MINE.id,  # a bare id, as a link or an old browser names it
        MINE.id + "." + "A" * 43,  # a forged signature
        OTHER_SERVER.issue().token,  # signed with another key
        MINE.token[:-1] + ("A" if MINE.token[-1] != "A" else "B"),
        THEIRS.id + "." + MINE.token.split(".")[1],  # one session's signature on another id
        MINE.token + "x",
        None,
        42,
        {"session_id": MINE.token},
    ],
)
def test_what_the_server_did_not_sign_verifies_as_nothing(token: Any) -> None:
    assert SIGNER.verify(token) is None


def test_an_empty_key_is_refused() -> None:
    with pytest.raises(ValueError):
        SessionSigner("")


def test_a_session_request_resumes_a_signed_session() -> None:
    assert resume_or_issue({"session_id": MINE.token}, None, SIGNER) == (MINE, None)


@pytest.mark.parametrize("requested", [MINE.id, OTHER_SERVER.issue().token, "../../etc/passwd", 7])
def test_a_session_request_naming_an_unsigned_id_gets_a_new_session_instead(requested: Any) -> None:
    session, refused = resume_or_issue({"session_id": requested}, None, SIGNER)
    assert refused is Refusal.BAD_SIGNATURE
    assert session.id != MINE.id and SIGNER.verify(session.token) == session


def test_a_first_session_request_without_an_id_gets_a_new_session() -> None:
    session, refused = resume_or_issue({"session_id": None}, None, SIGNER)
    assert refused is None and SIGNER.verify(session.token) == session


def test_a_bound_socket_keeps_its_session_even_when_it_asks_for_another() -> None:
    assert resume_or_issue({"session_id": THEIRS.token}, MINE, SIGNER) == (MINE, Refusal.FOREIGN)
    assert resume_or_issue({"session_id": MINE.token}, MINE, SIGNER) == (MINE, None)


def test_a_message_must_name_the_sockets_own_session() -> None:
    assert authorise(MINE.token, MINE, SIGNER) == MINE
    assert authorise(THEIRS.token, MINE, SIGNER) is Refusal.FOREIGN
    assert authorise(MINE.id + "." + "A" * 43, MINE, SIGNER) is Refusal.BAD_SIGNATURE
    assert authorise(MINE.token, None, SIGNER) is Refusal.UNBOUND


@given(data=PAYLOADS, bound=st.sampled_from([None, MINE]))
def test_any_session_request_is_answered_with_a_session_the_server_signed(data: Any, bound: Session | None) -> None:
    session, _ = resume_or_issue(data, bound, SIGNER)
    assert SIGNER.verify(session.token) == session
    assert bound is None or session == bound
    if session.id in (MINE.id, THEIRS.id) and bound is None:
        assert data["session_id"] == session.token  # resumed only by naming its signed token


@given(data=PAYLOADS, bound=st.sampled_from([None, MINE]))
def test_any_message_is_refused_or_goes_to_the_sockets_own_session(data: Any, bound: Session | None) -> None:
    inbound = parse_webchat_payload(data)
    if inbound is None:
        return
    outcome = authorise(inbound.session_id, bound, SIGNER)
    assert outcome == MINE or isinstance(outcome, Refusal)
    if outcome == MINE:
        assert bound == MINE and data["session_id"] == MINE.token


@pytest.mark.parametrize("script", ["webchat.js", "widget.js"])
def test_the_browser_scripts_recognise_exactly_the_tokens_the_server_issues(script: str) -> None:
    assert f"/{TOKEN.pattern}/" in (STATIC_DIR / script).read_text(encoding="utf-8")
