"""Confidence intervals and paired significance tests over per-cluster scores.

Everything is seeded (``np.random.default_rng(seed)``) and vectorised: the same values, seed
and options give the same interval and p-value on every run and machine. rouge-score's own
bootstrap is unseeded, which is why published ROUGE intervals could not be reproduced.

Conventions:

* Intervals are percentile-bootstrap intervals around the sample mean.
* p-values of the resampling tests are Monte Carlo estimates with the usual +1 correction
  ``(1 + hits) / (1 + resamples)`` (Davison & Hinkley 1997), so they are never 0 and two
  identical systems get exactly p = 1. Their resolution is ``1 / (1 + resamples)``.
* The permutation test is exact (all 2^n sign flips) when 2^n <= ``resamples``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from summarize.errors import InputError, UsageError

ALTERNATIVES = ("two-sided", "greater", "less")

# Resampled index matrices are built in blocks of at most this many cells, so that 10,000
# resamples of 10,000 clusters never need gigabytes at once.
_BLOCK_CELLS = 2_000_000
# Differences of means closer than this count as equal (float noise in sums of equal values).
_TOL = 1e-12


@dataclass(frozen=True)
class Interval:
    """A mean and its confidence interval."""

    mean: float
    low: float
    high: float
    confidence: float = 0.95


def _as_array(values: Sequence[float], name: str = "values") -> np.ndarray:
    arr = np.asarray(values, dtype=float).reshape(-1)
    if arr.size == 0:
        raise InputError(f"no {name} to aggregate")
    if not np.all(np.isfinite(arr)):
        raise InputError(f"{name} contain NaN or infinite numbers")
    return arr


def _check(resamples: int, confidence: float | None = None) -> None:
    if resamples < 0:
        raise UsageError(f"the number of resamples must be >= 0, not {resamples}")
    # [0, 1] as rouge-score's BootstrapAggregator: 0 gives the median of the resampled means
    # (clamped to include the mean), 1 their full range.
    if confidence is not None and not 0.0 <= confidence <= 1.0:
        raise UsageError(f"the confidence level must be between 0 and 1, not {confidence}")


def _resampled_means(values: np.ndarray, resamples: int, seed: int) -> np.ndarray:
    """Means of ``resamples`` bootstrap samples (with replacement) of ``values``."""
    rng = np.random.default_rng(seed)
    n = values.size
    block = max(1, _BLOCK_CELLS // n)
    means = np.empty(resamples)
    for start in range(0, resamples, block):
        stop = min(resamples, start + block)
        idx = rng.integers(0, n, size=(stop - start, n))
        means[start:stop] = values[idx].mean(axis=1)
    return means


def bootstrap_ci(values: Sequence[float], *, resamples: int = 1000, seed: int = 0,
                 confidence: float = 0.95) -> Interval:
    """The mean of ``values`` with a percentile-bootstrap confidence interval.

    One value, or ``resamples=0``, gives a degenerate interval (low = high = mean): there is
    nothing to resample. Raises ``InputError`` for no values.
    """
    _check(resamples, confidence)
    arr = _as_array(values)
    mean = float(arr.mean())
    if resamples == 0 or arr.size == 1:
        return Interval(mean, mean, mean, confidence)
    means = _resampled_means(arr, resamples, seed)
    alpha = (1.0 - confidence) / 2.0
    low, high = np.quantile(means, [alpha, 1.0 - alpha])
    # The sample mean always lies inside its own interval; guard against float noise.
    return Interval(mean, float(min(low, mean)), float(max(high, mean)), confidence)


def _differences(a: Sequence[float], b: Sequence[float]) -> np.ndarray:
    arr_a = _as_array(a, "scores of system A")
    arr_b = _as_array(b, "scores of system B")
    if arr_a.shape != arr_b.shape:
        raise InputError(f"paired tests need one score per cluster for both systems; got "
                         f"{arr_a.size} and {arr_b.size}")
    return arr_a - arr_b


def _p_value(null: np.ndarray, observed: float, alternative: str) -> np.ndarray:
    """Which null statistics are at least as extreme as ``observed``."""
    if alternative == "two-sided":
        return np.abs(null) >= abs(observed) - _TOL
    if alternative == "greater":
        return null >= observed - _TOL
    if alternative == "less":
        return null <= observed + _TOL
    raise UsageError(f"unknown alternative {alternative!r}; choose one of: "
                     f"{', '.join(ALTERNATIVES)}")


def paired_bootstrap(a: Sequence[float], b: Sequence[float], *, resamples: int = 1000,
                     seed: int = 0, alternative: str = "two-sided") -> float:
    """p-value of the paired bootstrap test of H0: mean(a) == mean(b) over the same clusters.

    The per-cluster differences d = a - b are resampled with replacement; the resampled
    mean differences, shifted by the observed mean so that they follow the null (Efron &
    Tibshirani 1993, sec. 16.4), are compared with the observed mean difference.

    ``two-sided``: H1 mean(a) != mean(b). ``greater``: H1 mean(a) > mean(b) (a small p says
    a is better). ``less``: H1 mean(a) < mean(b). Identical systems give p = 1; a system
    better on every cluster gives about ``1 / (1 + resamples)``.
    """
    _check(resamples)
    if alternative not in ALTERNATIVES:
        _p_value(np.zeros(0), 0.0, alternative)
    diffs = _differences(a, b)
    observed = float(diffs.mean())
    if resamples == 0:
        return 1.0
    null = _resampled_means(diffs, resamples, seed) - observed
    hits = int(_p_value(null, observed, alternative).sum())
    return (1 + hits) / (1 + resamples)


def _sign_matrix(n: int, rows: int, rng: np.random.Generator | None, start: int = 0
                 ) -> np.ndarray:
    if rng is None:  # exact: rows start..start+rows-1 of all 2^n sign patterns
        codes = np.arange(start, start + rows, dtype=np.int64)[:, None]
        bits = (codes >> np.arange(n, dtype=np.int64)[None, :]) & 1
        return 1.0 - 2.0 * bits
    return 1.0 - 2.0 * rng.integers(0, 2, size=(rows, n))


def permutation_test(a: Sequence[float], b: Sequence[float], *, resamples: int = 10000,
                     seed: int = 0, alternative: str = "two-sided") -> float:
    """p-value of the approximate randomization test of H0: a and b are exchangeable.

    Under H0 each cluster's pair of scores could have come from either system, so the sign
    of each difference a_i - b_i is flipped at random and the mean difference recomputed
    (Noreen 1989; Riezler & Maxwell 2005). With n clusters and 2^n <= ``resamples`` all 2^n
    flips are enumerated and p is exact; otherwise ``resamples`` random flips are drawn.

    ``alternative`` as in ``paired_bootstrap``. Identical systems give p = 1.
    """
    _check(resamples)
    if alternative not in ALTERNATIVES:
        _p_value(np.zeros(0), 0.0, alternative)
    diffs = _differences(a, b)
    n = diffs.size
    observed = float(diffs.mean())
    exact = n < 63 and (1 << n) <= resamples
    total = (1 << n) if exact else resamples
    if total == 0:
        return 1.0
    rng = None if exact else np.random.default_rng(seed)
    block = max(1, _BLOCK_CELLS // n)
    hits = 0
    for start in range(0, total, block):
        rows = min(block, total - start)
        null = (_sign_matrix(n, rows, rng, start) * diffs).mean(axis=1)
        hits += int(_p_value(null, observed, alternative).sum())
    if exact:  # the identity flip is among the patterns: no +1 correction needed
        return hits / total
    return (1 + hits) / (1 + total)
