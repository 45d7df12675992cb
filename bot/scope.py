"""Match a resident's words to a service's scope: the sub-topics it covers and the neighbours it sends elsewhere.

The scope lives in the catalogue; this module only compares words, so a resident who asked about a broken
bench hears "broken benches" named back, and one whose words fit a neighbouring service is pointed to it.
"""

from __future__ import annotations

import re

from bot.catalog import Exclusion, Service

# Short function words carry no topic. A word is compared by its first letters, so "benches" meets "bench".
_STOPWORDS = frozenset(
    "the and for with from who what how does can not out off our your its that this there have has was were "
    "are all any some into onto about just been will would could should when where which why need want get got "
    "i my me we us you it is in on of or to a an at by do".split()
)
_WORD = re.compile(r"[a-z]+")
_STEM_LETTERS = 5
_SUMMARY_TOPICS = 4


def _stems(text: str) -> set[str]:
    return {w[:_STEM_LETTERS] for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in _STOPWORDS}


def _overlap(topic: str, said: set[str]) -> int:
    """How many of a topic's words the resident used; 0 unless they used two of them, or its only word."""
    wanted = _stems(topic)
    shared = len(wanted & said)
    return shared if wanted and shared >= min(2, len(wanted)) else 0


def covered_topics(service: Service, text: str | None) -> list[str]:
    """The service's sub-topics that the resident's words name, the closest first."""
    said = _stems(text or "")
    scored = [(_overlap(topic, said), topic) for topic in service.scope.covers]
    return [topic for score, topic in sorted(scored, key=lambda pair: -pair[0]) if score]


def summary(service: Service, text: str | None, limit: int = _SUMMARY_TOPICS) -> str:
    """Up to `limit` sub-topics for the answer: those the resident named first, then the catalogue's own order."""
    named = covered_topics(service, text)
    rest = [topic for topic in service.scope.covers if topic not in named]
    return ", ".join((named + rest)[: max(limit, len(named))])


def redirect(service: Service, text: str | None) -> Exclusion | None:
    """The first neighbouring topic the resident's words fit, when they fit it better than anything covered."""
    if covered_topics(service, text):
        return None
    said = _stems(text or "")
    return next((e for e in service.scope.excludes if _overlap(e.topic, said)), None)
