"""Does a learned NER tagger, used in union with the PII rules, generalise better than the rules alone?

Leave one author out: a blank-English spaCy 3.4 NER (hash-embedding CNN tok2vec, CPU, fixed seed) is trained on
the realistic sets of the other authors plus the seeded corpus, and scored on the held-out author's realistic and
clean-civic sets with `scripts/eval_pii.py`'s own scoring, for the rules alone, the tagger alone and their union.
Authors (tests/pii/PROVENANCE.md): A wrote realistic-dev and realistic-set1, B set 2, C set 3.

The current rules were tuned on every one of these sets, so their figures here are upper bounds. `--rules-root`
also points at older checkouts of `bot/` (say round 3, which had never seen set 3) to compare honestly on the set
that round had not seen. Rules run in a subprocess, so any checkout's `bot` package can be scored.

Usage: .venv/bin/python bench/pii_tagger_loao.py [--hold A B C] [--rules-root DIR] [--no-gazetteer]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc  # noqa: E402
from spacy.training import Example  # noqa: E402
from spacy.util import filter_spans, minibatch  # noqa: E402

from bot.pii import gazetteer  # noqa: E402
from bot.pii.spans import PiiKind, Span  # noqa: E402
from scripts.eval_pii import CORPUS, TUNING, PiiScore, score  # noqa: E402

AUTHORS = {
    "A": (["realistic-dev.jsonl", "realistic-set1.jsonl"], ["clean-civic-dev.jsonl", "clean-civic-set1.jsonl"]),
    "B": (["realistic-set2.jsonl"], ["clean-civic-set2.jsonl"]),
    "C": (["realistic-set3.jsonl"], ["clean-civic-set3.jsonl"]),
}
UNION_KINDS = frozenset({"NAME", "ADDRESS", "PLATE", "ID"})
SEED = 20261201


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gazetteer_tag(word: str) -> str:
    """What the gazetteer knows of a word, as a feature a blank model lacks: a listed first name or surname
    (and how common), an ordinary word, or neither."""
    key = gazetteer.fold(word)
    rank = gazetteer.names().get(key)
    common = key in gazetteer.common_words()
    if rank is None:
        return "COMMON" if common else ("UNK" if word[:1].isalpha() else "X")
    best = min(r for r in (rank.first, rank.last) if r) if (rank.first or rank.last) else 0
    band = "TOP" if best and best <= 2000 else "NAME"
    role = "F" if rank.first and (not rank.last or rank.first <= rank.last) else "L"
    return f"{band}_{role}_{'C' if common else 'N'}"


def make_doc(nlp: Language, text: str, use_gazetteer: bool) -> Doc:
    doc = nlp.make_doc(text)
    if use_gazetteer:
        for token in doc:
            token.tag_ = gazetteer_tag(token.text)
    return doc


def whole_word_places(value: str, text: str) -> list[tuple[int, int]]:
    """Every whole-word occurrence of a labelled value (the labelling convention), else its first one."""
    places = [
        (m.start(), m.end())
        for m in re.finditer(re.escape(value), text)
        if not (m.start() > 0 and text[m.start() - 1].isalnum())
        and not (m.end() < len(text) and text[m.end()].isalnum())
    ]
    start = text.index(value)
    return places or [(start, start + len(value))]


def examples(nlp: Language, rows: Iterable[dict], use_gazetteer: bool) -> list[Example]:
    out = []
    for row in rows:
        doc = make_doc(nlp, row["text"], use_gazetteer)
        spans = [
            doc.char_span(start, end, label=item["kind"], alignment_mode="expand")
            for item in row["pii"]
            for start, end in whole_word_places(item["value"], row["text"])
        ]
        reference = make_doc(nlp, row["text"], False)
        reference.ents = [reference.char_span(s.start_char, s.end_char, label=s.label_) for s in
                          filter_spans([s for s in spans if s is not None])]
        out.append(Example(doc, reference))
    return out


def ner_config(use_gazetteer: bool) -> dict:
    attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"] + (["TAG"] if use_gazetteer else [])
    rows = [5000, 2500, 2500, 2500] + ([200] if use_gazetteer else [])
    return {"model": {
        "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner", "extra_state_tokens": False,
        "hidden_width": 64, "maxout_pieces": 2, "use_upper": True, "nO": None,
        "tok2vec": {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": 96, "attrs": attrs, "rows": rows,
                      "include_static_vectors": False},
            "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 96, "depth": 4,
                       "window_size": 1, "maxout_pieces": 3},
        },
    }}


def train(rows: list[dict], use_gazetteer: bool, epochs: int) -> Language:
    random.seed(SEED)
    spacy.util.fix_random_seed(SEED)
    nlp = spacy.blank("en")
    nlp.add_pipe("ner", config=ner_config(use_gazetteer))
    data = examples(nlp, rows, use_gazetteer)
    optimizer = nlp.initialize(lambda: data)
    for _ in range(epochs):
        random.shuffle(data)
        for batch in minibatch(data, size=16):
            nlp.update(batch, drop=0.2, sgd=optimizer)
    return nlp


def tagger_spans(nlp: Language, texts: list[str], use_gazetteer: bool) -> list[list[Span]]:
    docs = [make_doc(nlp, text, use_gazetteer) for text in texts]
    ner = nlp.get_pipe("ner")
    return [[Span(PiiKind[e.label_], e.start_char, e.end_char) for e in doc.ents] for doc in ner.pipe(docs)]


_DUMP = """
import json, sys
from bot import pii
for line in sys.stdin:
    print(json.dumps([[s.kind.value, s.start, s.end] for s in pii.find(json.loads(line))]))
"""


def rule_spans(texts: list[str], rules_root: Path) -> list[list[Span]]:
    """The rules' spans from the `bot` package under `rules_root`, run in its own interpreter."""
    result = subprocess.run([sys.executable, "-c", _DUMP], cwd=rules_root, input="\n".join(map(json.dumps, texts)),
                            capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(rules_root)})
    return [[Span(PiiKind[k], s, e) for k, s, e in json.loads(line)] for line in result.stdout.splitlines()]


def score_with(path: Path, table: dict[str, list[Span]]) -> PiiScore:
    return score(path, finder=lambda text: table[text])


def line(name: str, result: PiiScore) -> str:
    kinds = " ".join(f"{k} {f / t:.1%}" for k, (f, t) in result.by_kind.items() if k in UNION_KINDS | {"EMAIL"})
    return f"    {name:7} recall {result.recall:.1%}  over {result.over_redaction:.2%}  {kinds}"


def run_fold(held: str, rules_roots: list[Path], use_gazetteer: bool, epochs: int, with_clean: bool) -> None:
    train_rows = records(CORPUS)
    for author, (sets, cleans) in AUTHORS.items():
        if author != held:  # the clean civic sets teach it what is not personal data (parks, streets, holidays)
            train_rows += [row for name in sets + (cleans if with_clean else []) for row in records(TUNING / name)]
    started = time.process_time()
    nlp = train(train_rows, use_gazetteer, epochs)
    print(f"held out author {held}: trained on {len(train_rows)} messages in {time.process_time() - started:.0f} s CPU")
    sets, cleans = AUTHORS[held]
    for name in sets + cleans:
        path = TUNING / name
        texts = [row["text"] for row in records(path)]
        tagged = dict(zip(texts, tagger_spans(nlp, texts, use_gazetteer)))
        print(f"  {name}")
        print(line("tagger", score_with(path, tagged)))
        for root in rules_roots:
            rules = dict(zip(texts, rule_spans(texts, root)))
            union = {t: rules[t] + [s for s in tagged[t] if s.kind.value in UNION_KINDS] for t in texts}
            print(f"   rules from {root}")
            for label, table in (("rules", rules), ("union", union)):
                print(line(label, score_with(path, table)))
        sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hold", nargs="+", default=list(AUTHORS), choices=list(AUTHORS))
    parser.add_argument("--rules-root", type=Path, nargs="+", default=[ROOT], help="checkouts holding bot/")
    parser.add_argument("--no-gazetteer", action="store_true")
    parser.add_argument("--no-clean", action="store_true", help="train without the clean civic sets")
    parser.add_argument("--epochs", type=int, default=15)
    args = parser.parse_args()
    print(f"gazetteer feature {'off' if args.no_gazetteer else 'on'}, clean sets {'out' if args.no_clean else 'in'}, "
          f"{args.epochs} epochs")
    for held in args.hold:
        run_fold(held, args.rules_root, not args.no_gazetteer, args.epochs, not args.no_clean)


if __name__ == "__main__":
    main()
