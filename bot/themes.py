"""Themes: unresolved messages grouped by what they ask, so service owners read a few topics, not every line.

Messages become TF-IDF vectors of their words (and word pairs) and of their character n-grams, which also
match "licence" with "license" and "chickens" with "chicken". Average-linkage hierarchical clustering joins
messages while a group's mean cosine distance stays under `DISTANCE_THRESHOLD`, so the number of themes
follows the data and one-off messages stay out of every theme instead of being forced into one. Each theme
is named by its most distinctive terms (class-based TF-IDF) and shown by its most typical messages.

Lexical features were chosen over the MiniLM sentence embeddings the NLU pipeline ships: those grouped the
seeded paraphrases better (adjusted Rand index 0.95 against 0.75), but their numpy forward pass took 118 s
for 5,000 messages on 2 cores, twice the report's whole budget, where TF-IDF and clustering take seconds.

Messages with the same words ("agent", "Agent!") are clustered once, as one way of asking, and counted as
often as they were sent; otherwise forty copies of "what" would outweigh every real paraphrase around them.

Note:
    Every step is deterministic: no random seeds, and messages are ordered by id before clustering.
    Hierarchical clustering needs every pairwise distance, so memory grows with the square of the number of
    different texts; past `MAX_CLUSTERED` of them an evenly spread sample is clustered and the rest join the
    theme they are nearest on average, if near enough.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix, hstack
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.preprocessing import normalize

from bot.unresolved import Unresolved

# Mean cosine distance under which messages count as asking the same thing; chosen on the seeded themes in
# tests/bot/test_themes.py and checked on the generated month of bench/report_time.py.
DISTANCE_THRESHOLD = 0.925
MIN_THEME_SIZE = 3
EXAMPLES = 3
LABEL_TERMS = 3
LABEL_SUPPORT = 2
NO_LABEL = "(no distinctive words)"
MAX_CLUSTERED = 6000
_ROWS_PER_CHUNK = 1000
_PLACEHOLDER = re.compile(r"\[[A-Z_]+\]")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# bandit B105: a word pattern for the vectoriser, not a password
_LABEL_TOKEN = r"(?u)\b[^\W\d_]{2,}\b"  # nosec B105


@dataclass(frozen=True)
class Theme:
    """Messages that ask about the same thing, with a short label and a few typical, already redacted, texts."""

    label: str
    count: int
    examples: list[str]
    message_ids: list[int]


def themes(messages: Sequence[Unresolved], min_size: int = MIN_THEME_SIZE) -> list[Theme]:
    """Group similar messages into themes of at least `min_size` messages, largest first.

    Messages with the same words are clustered once, as one way of asking; messages that join no group of
    `min_size` are in no theme.
    """
    asks: dict[str, list[Unresolved]] = {}
    for message in sorted(messages, key=lambda message: message.id):
        asks.setdefault(_words(message.text), []).append(message)
    texts = list(asks)
    if not texts:
        return []
    vectors = _vectors(texts)
    weights = np.array([len(asks[text]) for text in texts])
    groups = [members for members in _clusters(vectors, weights, min_size) if weights[members].sum() >= min_size]
    found: list[Theme] = []
    for members, label in zip(groups, _labels(texts, weights, groups)):
        grouped = [message for index in members for message in asks[texts[index]]]
        typical = _typical(vectors[members])
        found.append(Theme(
            label=label,
            count=len(grouped),
            examples=[asks[texts[members[index]]][0].text for index in typical],
            message_ids=sorted(message.id for message in grouped),
        ))
    return sorted(found, key=lambda theme: (-theme.count, theme.label))


def _words(text: str) -> str:
    """A message's words, lower-cased, without placeholders or punctuation: the same ask gets the same words."""
    return " ".join(_WORD.findall(_PLACEHOLDER.sub(" ", text).lower()))


def _vectors(texts: list[str]) -> csr_matrix:
    """Unit-length TF-IDF vectors: words and word pairs, and character n-grams within words, weighted equally."""
    words = _tfidf(TfidfVectorizer(ngram_range=(1, 2), stop_words="english", sublinear_tf=True), texts)
    characters = _tfidf(TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True), texts)
    return normalize(hstack([words, characters]).tocsr())


def _tfidf(vectorizer: TfidfVectorizer, texts: list[str]) -> csr_matrix:
    """The vectorizer's unit rows, or no columns when the texts hold no term it keeps (only stop words, say)."""
    try:
        return normalize(vectorizer.fit_transform(texts))
    except ValueError:  # scikit-learn's "empty vocabulary"
        return csr_matrix((len(texts), 0))


def _clusters(vectors: csr_matrix, weights: NDArray[np.int_], min_size: int) -> list[list[int]]:
    """Row indices of each cluster that may make a theme; `weights` counts the messages each row stands for.

    Past `MAX_CLUSTERED` rows, an evenly spread sample is clustered, and each other row joins the cluster of
    at least `min_size` messages that it is nearest on average, when that mean distance is within the
    threshold, as average linkage would decide. Clusters of fewer messages are then dropped.
    """
    count = vectors.shape[0]
    if count <= MAX_CLUSTERED:
        return _hierarchical(vectors)
    sample = np.linspace(0, count - 1, MAX_CLUSTERED).round().astype(int)
    clusters = [[int(sample[i]) for i in members] for members in _hierarchical(vectors[sample])]
    large = [members for members in clusters if weights[members].sum() >= min_size]
    if not large:
        return []
    rest = np.setdiff1d(np.arange(count), sample)
    similarity = (vectors[rest] @ _means(vectors, large).T).toarray()
    for row, scores in zip(rest, similarity):
        nearest = int(scores.argmax())
        if 1.0 - scores[nearest] <= DISTANCE_THRESHOLD:
            large[nearest].append(int(row))
    return [sorted(members) for members in large]


def _hierarchical(vectors: csr_matrix) -> list[list[int]]:
    """Average-linkage clusters on cosine distance, cut at `DISTANCE_THRESHOLD`; singletons included."""
    if vectors.shape[0] < 2:
        return [[0]] if vectors.shape[0] else []
    distances = _cosine_distances(vectors)
    assignment = fcluster(linkage(distances, method="average"), DISTANCE_THRESHOLD, criterion="distance")
    clusters: dict[int, list[int]] = {}
    for row, cluster in enumerate(assignment):
        clusters.setdefault(int(cluster), []).append(row)
    return list(clusters.values())


def _cosine_distances(vectors: csr_matrix) -> NDArray[np.float64]:
    """Condensed pairwise cosine distances of unit rows, built a block of rows at a time to bound memory."""
    count = vectors.shape[0]
    square = np.empty((count, count), dtype=np.float32)
    for start in range(0, count, _ROWS_PER_CHUNK):
        square[start : start + _ROWS_PER_CHUNK] = (vectors[start : start + _ROWS_PER_CHUNK] @ vectors.T).toarray()
    np.subtract(1.0, square, out=square)
    np.clip(square, 0.0, 2.0, out=square)
    condensed: NDArray[np.float64] = squareform(square, checks=False).astype(np.float64)
    return condensed


def _means(vectors: csr_matrix, groups: list[list[int]]) -> csr_matrix:
    """Each group's mean vector: a unit row's dot product with it is the row's mean similarity to the group."""
    rows = [row for members in groups for row in members]
    columns = [column for column, members in enumerate(groups) for _ in members]
    weights = [1.0 / len(members) for members in groups for _ in members]
    membership = csr_matrix((weights, (columns, rows)), shape=(len(groups), vectors.shape[0]))
    return membership @ vectors


def _typical(vectors: csr_matrix) -> list[int]:
    """Up to `EXAMPLES` rows of one group: the most central first, then each the most central of those least
    like the ones already picked (maximal marginal relevance), so that examples show different phrasings."""
    centrality = vectors @ np.asarray(vectors.mean(axis=0)).ravel()
    chosen = [int(centrality.argmax())]
    while len(chosen) < min(EXAMPLES, vectors.shape[0]):
        redundancy = (vectors @ vectors[chosen].T).toarray().max(axis=1)
        score = centrality - redundancy
        score[chosen] = -np.inf
        chosen.append(int(score.argmax()))
    return chosen


def _labels(texts: list[str], weights: NDArray[np.int_], groups: list[list[int]]) -> list[str]:
    """A few terms that set each group apart from all the messages (class-based TF-IDF, as in BERTopic).

    Each text counts as many times as it was sent. A term must appear in `LABEL_SUPPORT` of the group's
    messages, so that one message's street name does not name a theme.
    """
    if not groups:
        return []
    counter = CountVectorizer(ngram_range=(1, 2), stop_words="english", token_pattern=_LABEL_TOKEN, binary=True)
    try:
        counts = csr_matrix(counter.fit_transform(texts).multiply(weights[:, np.newaxis]))
    except ValueError:  # no term but stop words anywhere
        return [NO_LABEL] * len(groups)
    terms = [str(term) for term in counter.get_feature_names_out()]
    per_group = np.vstack([np.asarray(counts[members].sum(axis=0)).ravel() for members in groups])
    overall = np.asarray(counts.sum(axis=0)).ravel()
    mean_words = per_group.sum() / len(groups)
    frequency = per_group / per_group.sum(axis=1, keepdims=True).clip(min=1)
    scores = frequency * np.log1p(mean_words / overall.clip(min=1))
    scores[per_group < LABEL_SUPPORT] = 0.0
    return [_label(terms, row) for row in scores]


def _label(terms: list[str], scores: NDArray[np.float64]) -> str:
    """The best-scored terms; a word pair takes the place of its own single word, and repeats are skipped."""
    chosen: list[str] = []
    for index in np.argsort(-scores, kind="stable"):
        if scores[index] <= 0 or len(chosen) == LABEL_TERMS:
            break
        words = set(terms[index].split())
        if words <= {word for earlier in chosen for word in earlier.split()}:
            continue
        covered = next((at for at, earlier in enumerate(chosen) if set(earlier.split()) <= words), None)
        if covered is None:
            chosen.append(terms[index])
        else:
            chosen[covered] = terms[index]
    return ", ".join(chosen) or NO_LABEL
