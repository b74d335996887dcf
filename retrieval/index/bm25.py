"""The scoring model: rank-bm25's BM25Okapi as an object that owns its parameters.

Everything that depends on k1, b and epsilon asks this object: the idf of each term (with
BM25Okapi's floor for negative idf), the length normalisation of each passage, a term's
contribution to a passage's score, and the upper bound of that contribution that pruning
and the literal boost rely on. Nobody else imports a constant: a different model (BM25+,
BM25L) is a different object with the same methods.

The float operations, and their order, are those of `rank_bm25.BM25Okapi`, so scores are
bit-identical to the reference.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

F64 = npt.NDArray[np.float64]

# Each term's bound (its best tf ratio, for pruning) is computed at the average length ×
# this: a longer average only lowers every passage's normalisation, so the bounds stay
# valid while an extended archive's average stays below it, and an extension computes
# them for its new postings only (the old ones' cannot have grown).
BOUND_HEADROOM = 1.05


@dataclass(frozen=True)
class BM25Model:
    """BM25Okapi(k1, b, epsilon) exactly as rank-bm25 computes it."""

    k1: float = 1.5
    b: float = 0.75
    epsilon: float = 0.25

    def idf(self, doc_freqs: Sequence[int], n: int) -> F64:
        """rank_bm25.BM25Okapi._calc_idf, term by term in vocabulary order: a negative idf
        (a term in more than half the passages) becomes epsilon × the average idf."""
        values = [math.log(n - f + 0.5) - math.log(f + 0.5) for f in doc_freqs]
        idf = np.asarray(values, dtype=np.float64)
        if values:
            total = 0.0
            for v in values:  # sequential, as rank-bm25 sums them
                total += v
            idf[idf < 0] = self.epsilon * (total / len(values))
        return idf

    def length_norm(self, doc_len: npt.NDArray[np.int32], avgdl: float) -> F64:
        """k1 · (1 − b + b · |d| / avgdl) for every passage: the denominator's constant part."""
        if not len(doc_len):
            return np.zeros(0)
        if avgdl <= 0:  # every token dropped as common: no passage has a length, nor a posting
            avgdl = 1.0
        return self.k1 * (1 - self.b + self.b * np.asarray(doc_len, dtype=np.float64) / avgdl)

    def term_score(self, idf: float | F64, tf: F64, norm: F64) -> F64:
        """One term's contribution to each passage's score, given its frequencies there."""
        return idf * (tf * (self.k1 + 1) / (tf + norm))

    def upper_bound(self, idf: float, times: int = 1) -> float:
        """The most a term typed `times` can add to any passage's score: tf → ∞ gives
        idf · (k1 + 1) per occurrence in the query."""
        return times * idf * (self.k1 + 1)


OKAPI = BM25Model()
