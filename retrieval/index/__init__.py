"""The search engine, behind one `SearchIndex` protocol.

    base.SearchIndex     what search asks of an engine (ranking, literal candidates, dates,
                         what a hit shows)
    bm25.BM25Model       the scoring model: k1, b, epsilon, idf, length norm, upper bound
    engine.BM25Index     the postings engine (exact BM25Okapi top k with MaxScore pruning)
      kernel             its compiled loops (numba): top k, literal candidates, term bounds,
                         packing and unpacking posting lists
      packed             posting lists in blocks: heads + bit-packed gaps (words and literals)
      postings           word postings, built from encoded batches
      literal            character-pair codes for verbatim strings
      days               day numbers and date masks
      stored             the copy of what hits show (texts, titles, article ids, pages), each
                         string zstd-packed against a dictionary trained on the archive
    memory.MemoryIndex   the same protocol over rank-bm25 in a few lines (tests)
    files                on-disk format (.npy + header.json), atomic swap, memory-mapped load
    workers              tokenising on every core, batches streamed in order
    streaming            the build in bounded memory: sorted runs spilled to disk, merged
                         into the saved files (an extension copies the saved lists block
                         for block and packs the new passages after them)
    lifecycle.IndexHome  load / rebuild / extend the index folder under its file lock

Data flows one way: the store's passages → workers → streaming → files → engine; search
sees only a `SearchIndex` and its `model`.
"""

from retrieval.index.base import SearchIndex
from retrieval.index.bm25 import OKAPI, BM25Model
from retrieval.index.engine import FORMAT, BM25Index
from retrieval.index.lifecycle import IndexHome, Loaded, PassageSource
from retrieval.index.literal import UNIGRAM_LIMIT, has_literal_codes
from retrieval.index.memory import MemoryIndex

__all__ = [
    "FORMAT",
    "OKAPI",
    "UNIGRAM_LIMIT",
    "BM25Index",
    "BM25Model",
    "IndexHome",
    "Loaded",
    "MemoryIndex",
    "PassageSource",
    "SearchIndex",
    "has_literal_codes",
]
