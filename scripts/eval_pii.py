"""Measure PII redaction on several corpora: the seeded regression corpus and the realistic ones.

Each corpus is JSONL, one message a line: `{"text": ..., "pii": [{"kind": KIND, "value": exact substring}]}`.
Recall: the share of seeded items whose every letter and digit was redacted (wherever the item stands as a
whole word, so a name given twice must go twice), overall and per kind.
Over-redaction: the share of words outside seeded items that were redacted anyway. The run fails when any
kind's recall is below 99 % or over-redaction above 2 % on any corpus. Corpora that are absent are skipped;
`--corpus PATH` points elsewhere.

tests/pii/PROVENANCE.md says who wrote each corpus: `realistic.jsonl` and `clean-civic.jsonl` are the frozen,
independent yardstick, never tuned on (the lead adds them when their author hands them over; until then they are
skipped); the sets in `tests/pii/tuning/` were independent once, were measured, and were then tuned on, so they
are regression sets and their figures are upper bounds.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot import pii  # noqa: E402

PII_DIR = ROOT / "tests" / "pii"
CORPUS = PII_DIR / "corpus.jsonl"
REALISTIC = PII_DIR / "realistic.jsonl"
CLEAN_CIVIC = PII_DIR / "clean-civic.jsonl"
TUNING = PII_DIR / "tuning"
DEFAULT_CORPORA = (REALISTIC, CLEAN_CIVIC, CORPUS, *sorted(TUNING.glob("*.jsonl")))
MIN_RECALL = 0.99
MAX_OVER_REDACTION = 0.02


@dataclass(frozen=True)
class PiiScore:
    items: int
    removed: int
    clean_words: int
    over_redacted: int
    missed: list[tuple[str, str]]
    by_kind: dict[str, tuple[int, int]]
    over: list[str]

    @property
    def recall(self) -> float:
        return self.removed / self.items if self.items else 1.0

    @property
    def over_redaction(self) -> float:
        return self.over_redacted / self.clean_words if self.clean_words else 0.0

    @property
    def passes(self) -> bool:
        kinds_ok = all(found >= MIN_RECALL * total for found, total in self.by_kind.values())
        return kinds_ok and self.over_redaction <= MAX_OVER_REDACTION


def _covered(start: int, end: int, spans: list[pii.Span], text: str) -> bool:
    return all(
        any(span.start <= i < span.end for span in spans) for i in range(start, end) if text[i].isalnum()
    )


def _occurrences(value: str, text: str) -> list[tuple[int, int]]:
    """Where a seeded value stands in its message: every occurrence as a whole word or more (a name given twice
    must be removed twice), or its first occurrence inside other text."""
    whole = [
        (match.start(), match.end())
        for match in re.finditer(re.escape(value), text)
        if not (match.start() > 0 and text[match.start() - 1].isalnum())
        and not (match.end() < len(text) and text[match.end()].isalnum())
    ]
    start = text.index(value)
    return whole or [(start, start + len(value))]


def _overlaps(start: int, end: int, others: list[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in others)


def score(corpus: Path = CORPUS, finder: Callable[[str], list[pii.Span]] = pii.find) -> PiiScore:
    """Recall and over-redaction of `finder` (the redactor by default; an experiment passes another) on
    `corpus`."""
    items = removed = clean_words = over_redacted = 0
    missed: list[tuple[str, str]] = []
    over: list[str] = []
    kinds: Counter[str] = Counter()
    kinds_removed: Counter[str] = Counter()
    for line in corpus.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        text, spans = record["text"], finder(record["text"])
        found = [(span.start, span.end) for span in spans]
        seeded = []
        for item in record["pii"]:
            places = _occurrences(item["value"], text)
            seeded += places
            items += 1
            kinds[item["kind"]] += 1
            if all(_covered(start, end, spans, text) for start, end in places):
                removed += 1
                kinds_removed[item["kind"]] += 1
            else:
                missed.append((item["kind"], item["value"]))
        for word in re.finditer(r"\S+", text):
            if _overlaps(word.start(), word.end(), seeded):
                continue
            clean_words += 1
            if _overlaps(word.start(), word.end(), found):
                over_redacted += 1
                over.append(word.group(0))
    by_kind = {kind: (kinds_removed[kind], count) for kind, count in sorted(kinds.items())}
    return PiiScore(items, removed, clean_words, over_redacted, missed, by_kind, over)


def _report(corpus: Path, result: PiiScore, details: bool) -> None:
    print(f"{corpus}:")
    print(f"  recall {result.removed}/{result.items} = {result.recall:.1%}   "
          f"over-redaction {result.over_redacted}/{result.clean_words} = {result.over_redaction:.2%}")
    for kind, (found, total) in result.by_kind.items():
        print(f"  {kind:9} {found}/{total} = {found / total:.1%}")
    if details:
        for kind, value in result.missed:
            print(f"  missed {kind}: {value}")
        print(f"  redacted clean words: {' | '.join(result.over)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", help="a JSONL corpus (repeatable)")
    parser.add_argument("--details", action="store_true", help="list missed items and redacted clean words")
    args = parser.parse_args()
    corpora = args.corpus or [path for path in DEFAULT_CORPORA if path.exists()]
    for absent in set(args.corpus or DEFAULT_CORPORA) - set(corpora):
        print(f"skipped, not found: {absent}")
    passed = bool(corpora)
    for corpus in corpora:
        result = score(corpus)
        _report(corpus, result, args.details)
        passed = passed and result.passes
    print(f"targets: every kind's recall >= {MIN_RECALL:.0%}, over-redaction <= {MAX_OVER_REDACTION:.0%}: "
          + ("met" if passed else "NOT met"))
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
