"""The near-copy self-join of a large set in array form (scipy sparse), for sets of thousands of KRs.

Same question and same answer as :meth:`NearCopyIndex.first_copies`: for each line, the first
earlier line that :func:`~okrcoach.analysis.similarity.near_copy` accepts. Candidate pairs are the
pairs that share a bigram in their prefixes (the prefix filter, computed as a sparse product of
prefix-incidence matrices), once for ``Jaccard ≥ threshold`` and once, blocked by the lines'
numbers, for ``same numbers and Jaccard ≥ 0.35``; every candidate's exact bigram overlap is then
counted and tested with the same integer arithmetic as ``near_copy``. A 30,000-KR set (one
objective, or a file without an objective column) takes seconds, not hours; the pure-Python
filter is kept for ordinary sets, where it is faster than building matrices.
"""
from __future__ import annotations

import math

import numpy as np

ROW_CHUNK = 1000
PAIR_CHUNK = 200_000


def _prefix_matrix(lines: list[list[int]], freq: np.ndarray, t: float, n_cols: int):
    """Rows: each line's prefix (its ``|x| - ceil(t·|x|) + 1`` rarest columns)."""
    from scipy import sparse

    indptr, indices = [0], []
    for cols in lines:
        size = len(cols)
        if size:
            keep = size - math.ceil(t * size - 1e-9) + 1
            indices.extend(sorted(cols, key=lambda c: (freq[c], c))[:keep])
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.int32)
    return sparse.csr_matrix((data, np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
                             shape=(len(lines), n_cols))


def _candidate_pairs(prefix):
    """``(later, earlier)`` index arrays of the pairs whose prefixes share a column, chunk by chunk."""
    pt = prefix.T.tocsc()  # columns are lines: slicing the earlier ones is free
    n = prefix.shape[0]
    for s in range(0, n, ROW_CHUNK):
        c = (prefix[s:s + ROW_CHUNK] @ pt[:, :min(s + ROW_CHUNK, n)]).tocoo()
        rows = c.row.astype(np.int64) + s
        cols = c.col.astype(np.int64)
        keep = cols < rows
        yield rows[keep], cols[keep]


def first_copies(grams: list[set], numbers: list[frozenset], threshold: float) -> list[int | None]:
    """For each line, the index of the first earlier line it nearly copies (``None`` if none). ``grams`` are
    each line's n-grams, as strings or as the int codes of :func:`.similarity.bigram_codes`."""
    from scipy import sparse

    n = len(grams)
    vocab: dict = {}
    token_ids = [[vocab.setdefault(tok, len(vocab)) for tok in g] for g in grams]
    sizes = np.fromiter((len(g) for g in grams), dtype=np.int64, count=n)
    indptr = np.zeros(n + 1, dtype=np.int64)
    indptr[1:] = np.cumsum(sizes)
    flat = np.fromiter((c for cols in token_ids for c in cols), dtype=np.int64, count=int(indptr[-1]))
    x = sparse.csr_matrix((np.ones(len(flat), dtype=np.int32), flat, indptr), shape=(n, max(len(vocab), 1)))
    freq = np.bincount(flat, minlength=len(vocab))

    num_ids: dict[frozenset, int] = {}
    nums = np.fromiter((num_ids.setdefault(k, len(num_ids) + 1) if k else 0 for k in numbers), dtype=np.int64, count=n)
    # the second test's filter: columns are (numbers, bigram), so only lines with the same numbers meet
    block_cols: dict[tuple[int, int], int] = {}
    block_lines = [[block_cols.setdefault((int(nums[i]), c), len(block_cols)) for c in token_ids[i]] if nums[i] else []
                   for i in range(n)]
    block_freq = np.bincount(np.fromiter((c for cols in block_lines for c in cols), dtype=np.int64),
                             minlength=len(block_cols))

    first = np.full(n, n, dtype=np.int64)
    sources = [(_prefix_matrix(token_ids, freq, threshold, x.shape[1]), threshold)]
    if threshold > 0.35 and block_cols:
        sources.append((_prefix_matrix(block_lines, block_freq, 0.35, len(block_cols)), 0.35))
    for prefix, t in sources:
        for rows, cols in _candidate_pairs(prefix):
            for s in range(0, len(rows), PAIR_CHUNK):
                r, c = rows[s:s + PAIR_CHUNK], cols[s:s + PAIR_CHUNK]
                sr, sc = sizes[r], sizes[c]
                fits = (t * sr <= sc + 1e-9) & (sc <= sr / t + 1e-9) & (c < first[r])
                r, c, sr, sc = r[fits], c[fits], sr[fits], sc[fits]
                if not len(r):
                    continue
                overlap = np.asarray(x[r].multiply(x[c]).sum(axis=1)).ravel().astype(np.int64)
                sim = overlap / (sr + sc - overlap)  # float64, as near_copy divides
                ok = (sim >= threshold) | ((nums[r] == nums[c]) & (nums[r] > 0) & (sim >= 0.35))
                np.minimum.at(first, r[ok], c[ok])
    return [int(j) if j < n else None for j in first]
