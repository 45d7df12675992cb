"""Does the CRF tagger (bot/pii/tagger.py), used in union with the PII rules, raise recall on an unseen author?

Leave one author out over the seven retired authors (tests/pii/PROVENANCE.md: A wrote realistic-dev and set 1,
B set 2 ... G set 7). For each held-out author the tagger is trained exactly as `make install` trains it
(scripts/build_pii_tagger.py) on every other author's realistic and clean-civic sets plus the seeded corpus, and
the held-out author's realistic and clean-civic sets are scored with `scripts/eval_pii.py`'s own `score` for:
- `old`: the rules of the last round that had not read this author (the honest baseline; see ROUNDS),
- `now`: today's rules (tuned on every set here, so an upper bound),
- each alone and with the tagger's gated spans added as `bot.pii.find` adds them (`gated`, then `union`), at
  several probability floors and with only some kinds kept.
The frozen yardstick (tests/pii/realistic.jsonl, clean-civic.jsonl) is never read.

Old rules come from `git archive <ROUNDS[author]> bot`, unpacked on first use under $PIICRF_OLD_RULES/<author>/
beside a link to today's build/ (word and name lists); they run in their own interpreter. Results and fold
models are cached in $PIICRF_CACHE.

Usage: .venv/bin/python bench/pii_crf_loao.py [--hold A B ...] [--floors 0.5 0.3 0.7]   (about 10 minutes)
       .venv/bin/python bench/pii_crf_loao.py --table "p>=0.5 all" [--base now]   (ADR 0010's round-10 table)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pycrfsuite  # noqa: E402

from bot.pii import union  # noqa: E402
from bot.pii.spans import PiiKind, Span  # noqa: E402
from bot.pii.tagger import Mark, gated, marks  # noqa: E402
from scripts.build_pii_tagger import records, train  # noqa: E402
from scripts.eval_pii import CORPUS, TUNING, PiiScore, score  # noqa: E402

AUTHORS = {
    "A": ("dev", "set1"), "B": ("set2",), "C": ("set3",), "D": ("set4",), "E": ("set5",), "F": ("set6",),
    "G": ("set7",),
}
# The last merge whose rules had not read the author's set (A's dev set was read from the first round).
ROUNDS = {"A": "c0089ab", "B": "561cdf2", "C": "3f65c54", "D": "a6bd839", "E": "15a213f", "F": "75d8923",
          "G": "1dffaf3"}
KINDS = ("NAME", "PHONE", "EMAIL", "ADDRESS", "PLATE", "ID", "SSN", "CARD", "DOB")
CACHE = Path(os.environ.get("PIICRF_CACHE", "/tmp/piicrf/cache"))
OLD_RULES = Path(os.environ.get("PIICRF_OLD_RULES", "/tmp/piicrf/rules"))
_DUMP = """
import json, sys
from bot import pii
for line in sys.stdin:
    print(json.dumps([[s.kind.value, s.start, s.end] for s in pii.find(json.loads(line))]))
"""


def author_files(author: str) -> list[Path]:
    return [TUNING / f"{kind}-{name}.jsonl" for name in AUTHORS[author] for kind in ("realistic", "clean-civic")]


def old_rules(author: str) -> Path:
    """A checkout of `bot/` as it was before the round that read `author`'s set."""
    root = OLD_RULES / author
    if not (root / "bot").exists():
        root.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", ROUNDS[author], "bot"], cwd=ROOT, capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(root)], input=archive.stdout, check=True)
        (root / "build").symlink_to(ROOT / "build")
    return root


def rule_spans(path: Path, label: str, rules_root: Path) -> dict[str, list[Span]]:
    """The spans the `bot` package under `rules_root` finds in each text of `path`, cached on disk. Today's
    package is run with the tagger's model pointed away, so that its spans are the rules' alone."""
    cached = CACHE / f"{label}-{path.name}"
    if not cached.exists():
        texts = [row["text"] for row in records(path)]
        env = {**os.environ, "PYTHONPATH": str(rules_root), "ONE_DOOR_PII_TAGGER_PATH": "/nonexistent"}
        run = subprocess.run([sys.executable, "-c", _DUMP], cwd=rules_root, input="\n".join(map(json.dumps, texts)),
                             capture_output=True, text=True, check=True, env=env)
        CACHE.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps(dict(zip(texts, [json.loads(line) for line in run.stdout.splitlines()]))))
    table = json.loads(cached.read_text())
    return {text: [Span(PiiKind[k], s, e) for k, s, e in spans] for text, spans in table.items()}


def summary(result: PiiScore) -> dict:
    return {"recall": result.recall, "over": result.over_redaction, "missed": result.items - result.removed,
            "items": result.items, "kinds": {k: [f, t] for k, (f, t) in result.by_kind.items() if k in KINDS}}


def fold_tagger(held: str) -> pycrfsuite.Tagger:
    """The tagger trained without `held`'s sets (cached)."""
    model = CACHE / f"fold-{held}.crfsuite"
    if not model.exists():
        started = time.process_time()
        train([CORPUS] + [path for author in AUTHORS if author != held for path in author_files(author)], model)
        print(f"fold {held}: trained in {time.process_time() - started:.0f} s CPU", flush=True)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    return tagger


def variants(floors: list[float]) -> dict[str, tuple[float, frozenset[str]]]:
    """Union variants: every kind at each floor, and at the first floor each kind alone (what each one adds)."""
    out = {f"p>={floor} all": (floor, frozenset(KINDS)) for floor in floors}
    out.update({f"p>={floors[0]} only {kind}": (floors[0], frozenset({kind})) for kind in KINDS})
    return out


def run_fold(held: str, floors: list[float]) -> dict[str, dict]:
    tagger = fold_tagger(held)
    out = {}
    for path in author_files(held):
        readings: dict[str, list[Mark]] = {}
        for base, rules in (("old", rule_spans(path, f"old{held}", old_rules(held))),
                            ("now", rule_spans(path, "now", ROOT))):
            readings = readings or {text: marks(tagger, text) for text in rules}
            out[f"{held}|{path.name}|{base}|rules"] = summary(score(path, finder=rules.__getitem__))
            for name, (floor, kinds) in variants(floors).items():
                table = {text: union(text, rules[text], [span for span in gated(text, readings[text], floor)
                                                         if span.kind.value in kinds]) for text in rules}
                out[f"{held}|{path.name}|{base}|{name}"] = summary(score(path, finder=table.__getitem__))
    return out


def _weakest(kinds: dict[str, list[int]], count: int = 3) -> str:
    rates = sorted((found / total, kind) for kind, (found, total) in kinds.items())
    return ", ".join(f"{kind} {rate:.1%}" for rate, kind in rates[:count])


def table(results: dict[str, dict], variant: str, base: str = "old") -> str:
    """A Markdown table, one row per held-out author: the rules alone against the rules with the tagger."""
    rows = ["| held out | rules recall | + tagger | weakest kinds, rules | weakest kinds, + tagger | over-redaction "
            "r → +t | clean civic r → +t |", "|---|---|---|---|---|---|---|"]
    per_kind: dict[str, list[tuple[float, float]]] = {kind: [] for kind in KINDS}
    for author, names in AUTHORS.items():
        name = names[-1]
        rules, tagged, clean_rules, clean_tagged = (results.get(f"{author}|{kind}-{name}.jsonl|{base}|{label}")
                                                    for kind in ("realistic", "clean-civic")
                                                    for label in ("rules", variant))
        if rules is None or tagged is None:
            continue
        for kind, (found, total) in rules["kinds"].items():
            per_kind[kind].append((found / total, tagged["kinds"][kind][0] / total))
        rows.append(f"| {author} ({name}) | {rules['recall']:.1%} | **{tagged['recall']:.1%}** | "
                    f"{_weakest(rules['kinds'])} | {_weakest(tagged['kinds'])} | {rules['over']:.2%} → "
                    f"{tagged['over']:.2%} | {clean_rules['over']:.2%} → {clean_tagged['over']:.2%} |")
    means = " ".join(f"{kind} {sum(r for r, _ in v) / len(v):.1%} → {sum(t for _, t in v) / len(v):.1%}"
                     f" (min {min(r for r, _ in v):.1%} → {min(t for _, t in v):.1%});"
                     for kind, v in per_kind.items() if v)
    return "\n".join(rows) + f"\n\nPer kind, mean over held-out authors (and the lowest): {means}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hold", nargs="+", default=list(AUTHORS), choices=list(AUTHORS))
    parser.add_argument("--floors", type=float, nargs="+", default=[0.5, 0.3, 0.7, 0.9])
    parser.add_argument("--out", type=Path, default=CACHE / "results.json")
    parser.add_argument("--table", metavar="VARIANT", help="print the table of a finished run (say 'p>=0.5 all')")
    parser.add_argument("--base", default="old", choices=["old", "now"], help="which rules the table compares")
    args = parser.parse_args()
    if args.table:
        print(table(json.loads(args.out.read_text()), args.table, args.base))
        return
    results = json.loads(args.out.read_text()) if args.out.exists() else {}
    for held in args.hold:
        fold = run_fold(held, args.floors)
        results.update(fold)
        args.out.write_text(json.dumps(results, indent=1))
        for key, value in fold.items():
            if "only" not in key:
                weak = " ".join(f"{k} {f / t:.1%}" for k, (f, t) in value["kinds"].items() if f < t)
                print(f"{key:50} recall {value['recall']:.2%} over {value['over']:.2%} {weak}", flush=True)


if __name__ == "__main__":
    main()
