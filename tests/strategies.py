"""Hypothesis strategies for what parsers may be given: arbitrary JSON, real documents (Telegram updates,
catalogue files) with one field replaced by arbitrary JSON or removed, and arbitrary Twilio forms."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st

# Deterministic in CI: examples are derived from the test's name, nothing is stored between runs.
PROPERTIES = settings(max_examples=300, derandomize=True, database=None, deadline=None)

SCALARS = (
    st.none() | st.booleans() | st.integers() | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False) | st.text(max_size=20)
)
JSON = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)

PRIVATE = {"id": 5123456789, "type": "private", "first_name": "Test"}
RESIDENT = {"id": 5123456789, "is_bot": False, "first_name": "Test"}
_MESSAGE = {"message_id": 7, "from": RESIDENT, "chat": PRIVATE, "date": 1795300000}
KEYBOARD = {"inline_keyboard": [[{"text": "Yes", "callback_data": "/affirm"}]]}
PHOTO = [{"file_id": "AgAD", "file_unique_id": "p", "width": 90, "height": 67, "file_size": 1200}]
TELEGRAM_UPDATES: list[dict[str, Any]] = [
    {"update_id": 100, "message": {**_MESSAGE, "text": "my bin was not emptied"}},
    {"update_id": 100, "message": {**_MESSAGE, "text": "/start"}},
    {"update_id": 100, "message": {**_MESSAGE, "location": {"latitude": 42.36, "longitude": -71.05}}},
    {"update_id": 100, "message": {**_MESSAGE, "photo": PHOTO, "caption": "pothole"}},
    {"update_id": 100, "message": {**_MESSAGE, "voice": {"file_id": "AwAD", "file_unique_id": "v", "duration": 3}}},
    {"update_id": 101, "callback_query": {"id": "4382", "from": RESIDENT, "chat_instance": "-5", "data": "/affirm",
                                          "message": {**_MESSAGE, "text": "Is that right?", "reply_markup": KEYBOARD}}},
]


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON value a field could be replaced, the value itself included."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def mutated(documents: list[Any]) -> st.SearchStrategy[Any]:
    """One of the documents with one field (or the whole) replaced by arbitrary JSON, or one field removed."""

    @st.composite
    def mutate(draw: st.DrawFn) -> Any:
        document = copy.deepcopy(draw(st.sampled_from(documents)))
        path = draw(st.sampled_from(_paths(document)))
        if not path:
            return draw(JSON)
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        if isinstance(parent, dict) and draw(st.booleans()):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(JSON)
        return document

    return mutate()


# Half mutated updates (where the crashes were), a quarter real ones (so that the handler's whole path runs,
# not only its refusals), a quarter arbitrary JSON.
TELEGRAM_BODIES = st.one_of(
    mutated(TELEGRAM_UPDATES), mutated(TELEGRAM_UPDATES), st.sampled_from(TELEGRAM_UPDATES), JSON
)

_SIDS = st.sampled_from(["SM" + "0" * 32, "MM" + "f" * 32, "SM1"]) | st.text(max_size=70)
_SENDERS = st.sampled_from(["+15550100001", "whatsapp:+15550100001", "12345"]) | st.text(max_size=70)
_COUNTS = st.sampled_from(["0", "1", "2", "10", "99", "-1", " 2", "²", "٣", "9" * 5000]) | st.text(max_size=5)
_VALUES = st.text(max_size=40) | st.sampled_from(["", "https://api.twilio.com/Media/ME1", "\x00", "image/jpeg"])
ARBITRARY_FORMS = st.dictionaries(st.text(max_size=12), _VALUES, max_size=8)
# Most forms are Twilio's own shape with odd values, so that they get past the first check into the channel.
TWILIO_FORMS = st.builds(
    lambda form, extra: {**extra, **form},
    st.fixed_dictionaries(
        {"MessageSid": _SIDS, "From": _SENDERS},
        optional={"Body": st.text(max_size=200), "NumMedia": _COUNTS, "MediaUrl0": _VALUES, "MediaUrl1": _VALUES,
                  "MediaContentType0": _VALUES, "To": _SENDERS, "AccountSid": _SIDS},
    ),
    ARBITRARY_FORMS,
)
FORMS = TWILIO_FORMS | TWILIO_FORMS | ARBITRARY_FORMS
