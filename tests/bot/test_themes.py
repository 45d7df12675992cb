"""Themes: messages seeded from distinct topics the city does not serve must land in distinct themes."""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime, timezone

import pytest
from sklearn.metrics import adjusted_rand_score

from bot import themes as themes_module
from bot.themes import Theme, themes
from bot.unresolved import Outcome, Unresolved, UnresolvedKind

# Questions for other authorities (state, federal, school district, power company) or for rules the city has
# not written down, each asked the many ways residents ask it.
SEEDED = {
    "passport": [
        "how do i renew my passport",
        "my passport expires in march, where do I go to get a new one",
        "where can I apply for a passport for my baby",
        "do you do passport photos at city hall",
        "need a passport urgently for a trip next week",
        "passport renewal office hours?",
        "lost my passport what do i do",
        "can i get my kid's passport application done here",
        "is there a place in town that accepts passport applications",
        "how long does it take to get a passport these days",
        "renew passport",
        "where do i send my old passport to get it renewed",
    ],
    "drivers_licence": [
        "how do I renew my driver's license",
        "where is the DMV office",
        "i need to book a road test for my son",
        "my drivers licence expired last month can I still drive",
        "how do i get a learner's permit",
        "change the address on my driving license",
        "dmv appointment",
        "lost my license, how do I get a replacement",
        "can I take the written driving test online",
        "how much does a new drivers license cost",
        "transfer my out of state license",
        "real id appointment near me",
    ],
    "school_closures": [
        "are schools closed tomorrow because of the snow",
        "is there school today",
        "snow day??",
        "will the schools open late because of the ice",
        "are the public schools cancelled today",
        "my kids school closed? storm warning",
        "is harborview elementary closed tomorrow",
        "school delay this morning?",
        "do the buses run for school when it snows like this",
        "are classes cancelled for the blizzard",
        "is school closed for weather",
        "when will they announce school closings",
    ],
    "power_outage": [
        "the power is out on my whole street",
        "when will the electricity come back on",
        "we have no electricity since last night",
        "power outage in the north end",
        "who do i call about a blackout",
        "my lights went out and the neighbours too",
        "electric company outage map",
        "power cut again, any news?",
        "no power since the storm",
        "how long will this power outage last",
        "electricity is down on elm street",
        "is there a power outage in my area",
    ],
    "unemployment": [
        "how do i apply for unemployment benefits",
        "i lost my job, can i get unemployment",
        "my unemployment claim was denied",
        "where do i file for jobless benefits",
        "when will my unemployment check arrive",
        "unemployment office phone number",
        "how much unemployment will i get",
        "i got laid off what help is there",
        "certify my weekly unemployment claim",
        "how to appeal an unemployment decision",
        "unemployment insurance application",
        "can i get unemployment if i quit",
    ],
    "yard_sale": [
        "do i need a permit for a yard sale",
        "can i have a garage sale this weekend",
        "rules for holding a garage sale",
        "yard sale permit",
        "how many yard sales can i have a year",
        "can I put up signs for my garage sale",
        "is a permit needed to sell stuff in my driveway",
        "garage sale license cost",
        "moving sale at my house this saturday, do i need permission",
        "where do i register a yard sale",
        "can we do a street wide yard sale",
        "tag sale rules in harborview",
    ],
    "backyard_chickens": [
        "can i keep chickens in my backyard",
        "are backyard hens allowed in the city",
        "how many chickens am i allowed",
        "is it legal to have a rooster",
        "permit for keeping chickens",
        "my neighbour has chickens is that allowed",
        "rules for a chicken coop",
        "can I raise ducks in my garden",
        "backyard poultry regulations",
        "do i need a license for hens",
        "keeping bees and chickens at home rules",
        "can i have goats or chickens on my lot",
    ],
    "ev_charging": [
        "where are the electric car charging stations",
        "is there a public EV charger downtown",
        "can i install a car charger on the street outside my house",
        "ev charging locations",
        "where can i charge my tesla in town",
        "are the city chargers free",
        "charging station at the library is broken",
        "rebate for a home electric vehicle charger",
        "how many EV chargers does the city have",
        "electric vehicle charging near city hall",
        "is there fast charging for electric cars nearby",
        "plug in car charging spots",
    ],
}
NOISE = [
    "asdfgh", "hello??", "ok", "you are useless", "what", "lol", "thanks anyway", "nvm",
    "can you help me with something else", "i already told you", "not that", "human please",
    "the thing from before", "huh", "k", "what are you", "call me on [PHONE]",
]
AT = datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)


def unresolved(message_id: int, text: str) -> Unresolved:
    return Unresolved(message_id, AT, "webchat", f"c-{message_id}", text, [], UnresolvedKind.FALLBACK, Outcome.PENDING)


def seeded() -> tuple[list[Unresolved], dict[int, str]]:
    """Every seeded message, then the noise, with each message's true topic."""
    messages: list[Unresolved] = []
    topic: dict[int, str] = {}
    for name, texts in [*SEEDED.items(), ("noise", NOISE)]:
        for text in texts:
            messages.append(unresolved(len(messages) + 1, text))
            topic[len(messages)] = name
    return messages, topic


def theme_of(found: list[Theme]) -> dict[int, int]:
    return {message_id: index for index, theme in enumerate(found) for message_id in theme.message_ids}


def majority(found: list[Theme], topic: dict[int, str], name: str) -> tuple[int, float]:
    """The theme holding most of a topic's messages (negative: none), and the share of them it holds."""
    where = theme_of(found)
    placed = Counter(where.get(message_id, -message_id) for message_id, seeded in topic.items() if seeded == name)
    theme, count = placed.most_common(1)[0]
    return theme, count / len(SEEDED[name])


def test_each_seeded_topic_lands_mostly_in_one_theme_of_its_own() -> None:
    messages, topic = seeded()
    found = themes(messages)
    majorities = {name: majority(found, topic, name) for name in SEEDED}
    shares = [share for _, share in majorities.values()]
    assert min(shares) >= 0.5
    assert sum(shares) / len(shares) >= 0.75
    assert all(theme >= 0 for theme, _ in majorities.values())
    assert len({theme for theme, _ in majorities.values()}) == len(SEEDED)


def test_each_theme_is_mostly_one_seeded_topic() -> None:
    messages, topic = seeded()
    for theme in themes(messages):
        _, largest = Counter(topic[message_id] for message_id in theme.message_ids).most_common(1)[0]
        assert largest / theme.count >= 0.75


def test_themes_agree_with_the_seeded_topics_by_adjusted_rand_index() -> None:
    messages, topic = seeded()
    where = theme_of(themes(messages))
    ids = [message_id for message_id, name in topic.items() if name != "noise"]
    assert adjusted_rand_score([topic[i] for i in ids], [where.get(i, -i) for i in ids]) >= 0.7


@pytest.mark.parametrize("name, word", [("passport", "passport"), ("unemployment", "unemployment"),
                                        ("backyard_chickens", "chickens"), ("ev_charging", "charging")])
def test_a_themes_label_names_its_topic(name: str, word: str) -> None:
    messages, topic = seeded()
    found = themes(messages)
    theme, _ = majority(found, topic, name)
    assert word in found[theme].label.split(", ")[0]


def test_examples_are_different_texts_from_the_theme_and_count_matches_ids() -> None:
    messages, _ = seeded()
    text_of = {message.id: message.text for message in messages}
    for theme in themes(messages):
        assert theme.count == len(theme.message_ids) == len(set(theme.message_ids))
        assert 1 <= len(theme.examples) <= themes_module.EXAMPLES
        assert len({example.lower() for example in theme.examples}) == len(theme.examples)
        assert set(theme.examples) <= {text_of[message_id] for message_id in theme.message_ids}


def test_themes_are_the_same_whatever_order_the_messages_come_in() -> None:
    messages, _ = seeded()
    shuffled = list(messages)
    random.Random(7).shuffle(shuffled)
    assert themes(shuffled) == themes(messages)


def test_themes_are_largest_first() -> None:
    messages, _ = seeded()
    counts = [theme.count for theme in themes(messages)]
    assert counts == sorted(counts, reverse=True)


def test_fewer_messages_than_a_theme_needs_give_no_theme() -> None:
    assert themes([unresolved(1, "passport"), unresolved(2, "passport please")]) == []


def test_messages_of_only_stop_words_and_placeholders_give_no_label_but_do_not_fail() -> None:
    found = themes([unresolved(i, text) for i, text in enumerate(["what", "what?", "what", "[PHONE]"], 1)])
    assert [(theme.label, theme.count) for theme in found] == [(themes_module.NO_LABEL, 3)]


def test_past_the_clustering_limit_the_other_messages_join_the_nearest_theme(monkeypatch: pytest.MonkeyPatch) -> None:
    messages, topic = seeded()
    monkeypatch.setattr(themes_module, "MAX_CLUSTERED", 60)
    found = themes(messages)
    theme, share = majority(found, topic, "passport")
    assert share >= 0.75
    assert sum(theme.count for theme in found) > 60  # more than the clustered sample holds: the rest joined
    assert {topic[message_id] for message_id in found[theme].message_ids} <= {"passport", "drivers_licence",
                                                                              "unemployment"}
