"""``scipy.sparse``, imported without loading the parts of numpy it never uses.

SciPy 1.15+ vendors ``array_api_compat``, whose numpy namespace is built at import time by
``from numpy import *`` and a ``hasattr`` on every name of ``dir(numpy)``. numpy lists its
lazily loaded submodules in both, so the first ``import scipy.sparse`` of a process also
imports ``numpy.f2py`` (and through it ``charset_normalizer``), ``numpy.testing`` (and
``unittest``), ``numpy.ma`` and others: measured here, 0.18 s for ``scipy.sparse`` instead
of 0.07 s, a quarter of a brief of the seeds (``python -m eval.perf_process``).

While scipy.sparse is first imported, the submodules numpy has not loaded yet are left out of
``numpy.__all__`` and ``dir(numpy)``; both are put back right after, so every other user of
numpy sees it unchanged, and ``numpy.f2py`` and the rest still load when asked for. The
compat namespace then lacks those submodules (scipy.sparse never reaches them through it).
Where scipy.sparse is already imported, or numpy's layout is not the one expected, this is a
plain import.
"""

from __future__ import annotations

import sys

import numpy as np

__all__ = ["distinct", "scale_columns", "scale_rows", "sparse"]


def _import_sparse():  # noqa: ANN202
    if "scipy.sparse" in sys.modules:
        from scipy import sparse

        return sparse
    import numpy

    lazy = {name for name in getattr(numpy, "__numpy_submodules__", ())
            if f"numpy.{name}" not in sys.modules}
    names, listing = getattr(numpy, "__all__", None), numpy.__dict__.get("__dir__")
    if not lazy or not isinstance(names, list) or not callable(listing):
        from scipy import sparse

        return sparse
    numpy.__all__ = [n for n in names if n not in lazy]
    numpy.__dir__ = lambda: [n for n in listing() if n not in lazy]
    try:
        from scipy import sparse
    finally:
        numpy.__all__, numpy.__dir__ = names, listing
    return sparse


sparse = _import_sparse()


def scale_rows(m: sparse.csr_matrix, factors: np.ndarray) -> sparse.csr_matrix:
    """``diags(factors) @ m`` for a CSR ``m``, without ``scipy.sparse.diags``: that calls
    ``numpy.unique``, whose first call imports ``numpy.ma`` (10-20 ms of a brief's start).
    Each stored value is multiplied once, as the product does, so the result is the same
    to the bit; values that become zero are dropped, as the product drops them."""
    out = sparse.csr_matrix(m, dtype=float, copy=True)
    out.data = out.data * np.repeat(np.asarray(factors, dtype=float), np.diff(out.indptr))
    out.eliminate_zeros()
    return out


def scale_columns(m: sparse.csr_matrix, factors: np.ndarray) -> sparse.csr_matrix:
    """``m @ diags(factors)`` for a CSR ``m`` (see ``scale_rows``)."""
    out = sparse.csr_matrix(m, dtype=float, copy=True)
    out.data = out.data * np.asarray(factors, dtype=float)[out.indices]
    out.eliminate_zeros()
    return out


def distinct(values: np.ndarray) -> np.ndarray:
    """``numpy.unique(values)`` (sorted, each value once) without the ``numpy.ma`` import
    that ``numpy.unique``'s first plain call makes (see ``scale_rows``)."""
    out = np.sort(np.asarray(values).ravel())
    if out.size < 2:
        return out
    return out[np.concatenate(([True], out[1:] != out[:-1]))]
