"""Bootstrap intervals and paired tests on hand-computable examples."""

from __future__ import annotations

import pytest

from eval.stats import Interval, bootstrap_ci, paired_bootstrap, permutation_test
from summarize.errors import InputError, UsageError

# --- bootstrap confidence intervals ---------------------------------------------------------


def test_two_values_interval_is_the_whole_range():
    # Means of resamples of [0, 1] are 0, 0.5 or 1 with chances 1/4, 1/2, 1/4: the 2.5% and
    # 97.5% quantiles are 0 and 1.
    ci = bootstrap_ci([0.0, 1.0], resamples=2000, seed=0)
    assert ci == Interval(0.5, 0.0, 1.0, 0.95)


def test_constant_values_and_single_value_give_degenerate_intervals():
    assert bootstrap_ci([0.3, 0.3, 0.3]) == pytest.approx(Interval(0.3, 0.3, 0.3))
    assert bootstrap_ci([0.7]) == Interval(0.7, 0.7, 0.7)
    assert bootstrap_ci([0.1, 0.5], resamples=0) == Interval(0.3, 0.3, 0.3)


def test_interval_is_seeded_and_reproducible():
    values = [0.1 * i for i in range(30)]
    a = bootstrap_ci(values, resamples=500, seed=4)
    assert a == bootstrap_ci(values, resamples=500, seed=4)
    assert a != bootstrap_ci(values, resamples=500, seed=5)
    assert a.low < a.mean < a.high
    assert a.mean == pytest.approx(1.45)


def test_wider_confidence_gives_wider_interval():
    values = [0.1 * (i % 7) for i in range(40)]
    narrow = bootstrap_ci(values, confidence=0.5, seed=1)
    wide = bootstrap_ci(values, confidence=0.99, seed=1)
    assert wide.low <= narrow.low and narrow.high <= wide.high
    assert wide.high - wide.low > narrow.high - narrow.low


def test_many_resamples_of_many_values_are_blocked_not_exploding():
    ci = bootstrap_ci([i % 2 for i in range(5000)], resamples=1000, seed=0)
    assert ci.mean == 0.5
    assert 0.47 < ci.low < 0.5 < ci.high < 0.53


@pytest.mark.parametrize("values", [[], [float("nan"), 1.0]])
def test_bad_values_are_input_errors(values):
    with pytest.raises(InputError):
        bootstrap_ci(values)


def test_bad_options_are_usage_errors():
    with pytest.raises(UsageError):
        bootstrap_ci([1.0, 2.0], confidence=1.5)
    with pytest.raises(UsageError):
        bootstrap_ci([1.0, 2.0], resamples=-1)
    with pytest.raises(UsageError):
        paired_bootstrap([1.0], [1.0], alternative="bigger")


# --- paired bootstrap -----------------------------------------------------------------------

A = [0.30, 0.42, 0.35, 0.50, 0.28, 0.44, 0.39, 0.31, 0.47, 0.36,
     0.33, 0.41, 0.29, 0.45, 0.38, 0.32, 0.49, 0.37, 0.40, 0.34]


def test_identical_systems_p_is_one():
    assert paired_bootstrap(A, A) == 1.0
    assert permutation_test(A, A) == 1.0
    assert paired_bootstrap(A, A, alternative="greater") == 1.0


def test_better_on_every_cluster_gives_small_p():
    b = [a - 0.02 - 0.01 * (i % 3) for i, a in enumerate(A)]  # a beats b everywhere
    assert paired_bootstrap(A, b, resamples=1000) <= 0.002
    assert paired_bootstrap(A, b, resamples=1000, alternative="greater") <= 0.002
    assert paired_bootstrap(A, b, resamples=1000, alternative="less") > 0.99
    assert permutation_test(A, b) <= 0.001


def test_constant_difference_p_is_the_resolution():
    b = [a - 0.05 for a in A]
    # Every resampled difference equals the observed one: after centring none is as extreme.
    assert paired_bootstrap(A, b, resamples=999) == pytest.approx(1 / 1000)


def test_paired_bootstrap_is_seeded():
    b = [a + (0.03 if i % 2 else -0.02) for i, a in enumerate(A)]
    p = paired_bootstrap(A, b, resamples=500, seed=3)
    assert p == paired_bootstrap(A, b, resamples=500, seed=3)
    assert 0.0 < p <= 1.0


def test_mismatched_lengths_are_input_errors():
    with pytest.raises(InputError, match="3 and 2"):
        paired_bootstrap([1, 2, 3], [1, 2])
    with pytest.raises(InputError):
        permutation_test([1, 2, 3], [1, 2])


# --- permutation (approximate randomization) ------------------------------------------------

def test_exact_permutation_hand_computed():
    # d = [1, 2, 3]: of the 8 sign flips only +++ and --- reach |sum| = 6.
    assert permutation_test([1, 2, 3], [0, 0, 0]) == pytest.approx(2 / 8)
    assert permutation_test([1, 2, 3], [0, 0, 0], alternative="greater") == pytest.approx(1 / 8)
    assert permutation_test([1, 2, 3], [0, 0, 0], alternative="less") == pytest.approx(1.0)
    # d = [1, -1, 2]: sums of the 8 flips are 2, 0, 4, -2, ... |sum| >= 2 in 6 of them.
    assert permutation_test([1, 0, 2], [0, 1, 0]) == pytest.approx(6 / 8)


def test_random_permutation_is_seeded_and_near_exact():
    a = [0.1 * (i % 5) for i in range(16)]
    b = [x - (0.05 if i % 3 else -0.02) for i, x in enumerate(a)]
    exact = permutation_test(a, b, resamples=1 << 16)
    sampled = permutation_test(a, b, resamples=20000, seed=2)
    assert sampled == permutation_test(a, b, resamples=20000, seed=2)
    assert sampled == pytest.approx(exact, abs=0.01)
