"""Write the compact list of first names and surnames that PII redaction uses to find names with no cue.

"thanks, Jamal Brown" and "Olga Lin here" name a resident without "my name is". The list comes from the
`names-dataset` package (first names and surnames with their popularity rank in each of about 100 countries).
That package needs over a gigabyte of memory, so it is read here, at install time (`make install`), never at run time.
Kept: single-word names in Latin script (keys lower case, accents folded) that rank in the United States, or
in the top ranks of any country.
Each line is `name<TAB>first-name rank<TAB>surname rank`, 0 when the name is not of that kind.
"""

from __future__ import annotations

import argparse
import gzip
import pickle
import re
import sys
from importlib.resources import files
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.pii.gazetteer import fold  # noqa: E402

# Names-dataset ranks up to about 10^5 per country, with much noise in the long tail; these bounds keep the
# names residents of a US city are likely to have.
TOP_FIRST_ANYWHERE = 1000
TOP_SURNAME_ANYWHERE = 2000
_FOLDED_WORD = re.compile(r"[a-z][a-z'-]{1,24}")


def _ranks(kind: str, top_anywhere: int) -> dict[str, int]:
    """Best rank of each kept name in any country: residents come from everywhere."""
    path = files("names_dataset") / "v3" / f"{kind}_names.pkl.gz"
    with gzip.open(str(path), "rb") as handle:
        # The installed package's own file, not input from outside.
        table: dict[str, dict[str, dict[str, int]]] = pickle.load(handle)  # noqa: S301  # nosec B301
    kept: dict[str, int] = {}
    for name, info in table.items():
        ranks = {country: rank for country, rank in (info.get("rank") or {}).items() if rank}
        key = fold(name)
        if not ranks or not _FOLDED_WORD.fullmatch(key):
            continue
        best = min(ranks.values())
        if "US" in ranks or best <= top_anywhere:
            kept[key] = min(best, kept.get(key, best))
    return kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    out = parser.parse_args().out
    first = _ranks("first", TOP_FIRST_ANYWHERE)
    last = _ranks("last", TOP_SURNAME_ANYWHERE)
    lines = [f"{name}\t{first.get(name, 0)}\t{last.get(name, 0)}" for name in sorted(first.keys() | last.keys())]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
