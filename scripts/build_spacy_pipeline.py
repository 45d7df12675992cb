"""Build One Door's own spaCy pipeline: blank English, lookup lemmas and rule-based entity patterns.

No pretrained English pipeline for spaCy 3.4 can be installed offline, so the project builds one at install
time from packages on PyPI. `make install` runs this; the output path comes from `config.yml`.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import spacy

PATTERNS = Path(__file__).with_name("spacy_patterns.jsonl")


def build(out: Path) -> None:
    """Write the pipeline to `out`.

    Note:
        Entity ruler patterns are added after `initialize()`: spaCy drops patterns added before it (W036).
    """
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([json.loads(line) for line in PATTERNS.read_text().splitlines() if line.strip()])
    nlp.to_disk(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="directory to write the pipeline to")
    build(parser.parse_args().out)


if __name__ == "__main__":
    main()
