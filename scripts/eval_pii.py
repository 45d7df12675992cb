"""Measure PII redaction on the seeded corpus in tests/pii/corpus.jsonl.

Recall: the share of seeded items whose every letter and digit was redacted. Over-redaction: the share of
words that hold no personal data but were redacted anyway. Targets: recall >= 99 %, over-redaction <= 2 %.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot import pii  # noqa: E402

CORPUS = ROOT / "tests" / "pii" / "corpus.jsonl"
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

    @property
    def recall(self) -> float:
        return self.removed / self.items

    @property
    def over_redaction(self) -> float:
        return self.over_redacted / self.clean_words


def _covered(start: int, end: int, spans: list[pii.Span], text: str) -> bool:
    return all(
        any(span.start <= i < span.end for span in spans) for i in range(start, end) if text[i].isalnum()
    )


def score(corpus: Path = CORPUS) -> PiiScore:
    items = removed = clean_words = over_redacted = 0
    missed: list[tuple[str, str]] = []
    kinds: Counter[str] = Counter()
    kinds_removed: Counter[str] = Counter()
    for line in corpus.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        text, spans = record["text"], pii.find(record["text"])
        seeded = []
        for item in record["pii"]:
            start = text.index(item["value"])
            seeded.append((start, start + len(item["value"])))
            items += 1
            kinds[item["kind"]] += 1
            if _covered(start, start + len(item["value"]), spans, text):
                removed += 1
                kinds_removed[item["kind"]] += 1
            else:
                missed.append((item["kind"], item["value"]))
        for word in re.finditer(r"\S+", text):
            if any(word.start() < end and start < word.end() for start, end in seeded):
                continue
            clean_words += 1
            if any(word.start() < span.end and span.start < word.end() for span in spans):
                over_redacted += 1
    by_kind = {kind: (kinds_removed[kind], count) for kind, count in sorted(kinds.items())}
    return PiiScore(items, removed, clean_words, over_redacted, missed, by_kind)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    result = score(parser.parse_args().corpus)
    print(f"seeded items removed: {result.removed}/{result.items} = {result.recall:.3%} (target >= {MIN_RECALL:.0%})")
    print(f"clean words redacted: {result.over_redacted}/{result.clean_words} = {result.over_redaction:.3%} "
          f"(target <= {MAX_OVER_REDACTION:.0%})")
    for kind, (found, total) in result.by_kind.items():
        print(f"  {kind:9} {found}/{total}")
    for kind, value in result.missed:
        print(f"  missed {kind}: {value}")
    return 0 if result.recall >= MIN_RECALL and result.over_redaction <= MAX_OVER_REDACTION else 1


if __name__ == "__main__":
    raise SystemExit(main())
