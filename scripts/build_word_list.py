"""Write the list of common English words that PII redaction uses to tell a name from an ordinary word.

"this is delphine sorensen" holds a name; "this is ridiculous" does not. Words far more frequent than names
(log probability above the threshold in spaCy's English lexeme table, from spacy-lookups-data) are listed,
and so are the most frequent Spanish words, because residents also write in Spanish ("un carro", "mi vecino" are
no names). `make install` runs this; nothing is downloaded at run time.
"""

from __future__ import annotations

import argparse
import gzip
import json
from importlib.resources import files
from pathlib import Path

# Common words sit above about -13.5 (e.g. "urgent" -13.2); first and last names below -14 ("wen" -14.5).
THRESHOLD = -14.0
# Spanish given names sit below about -11 ("juan" -11.1, "maria" -11.5); everyday words above ("vecino" -11.0).
THRESHOLDS = {"en": THRESHOLD, "es": -11.0}


def _frequent(language: str, threshold: float) -> set[str]:
    table = files("spacy_lookups_data") / "data" / f"{language}_lexeme_prob.json.gz"
    with gzip.open(str(table), "rt", encoding="utf-8") as handle:
        probabilities: dict[str, float] = json.load(handle)
    return {w for w, p in probabilities.items() if p > threshold and w.isalpha() and w.islower()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    out = parser.parse_args().out
    words = sorted(set().union(*(_frequent(language, threshold) for language, threshold in THRESHOLDS.items())))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(words) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
