"""``fusion`` outside English: source sentences only, and it says so.

The word graph's guards (where a path may switch source, whether a fused sentence is
whole) are English's verb lists and determiners, so in another language fusion selects
source sentences by concept coverage and fuses nothing; the Summary warns, and the command
says it on stderr. English fusion is unchanged (``test_fusion.py``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from summarize.config import Config
from summarize.model import Budget, Cluster
from summarize.pipeline import summarize
from tests.test_languages import CASES, GERMAN, IDS, Case, cluster_of


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_source_sentences_only_and_said(case: Case) -> None:
    cluster = cluster_of(case)
    texts = {s.text for s in cluster.sentences}
    for words in (30, 80):
        summary = summarize(cluster, "fusion", Config(budget=Budget(words=words)))
        assert summary.sentences and summary.words <= words
        assert all(not s.generated and s.text in texts for s in summary.sentences)
        said = [w for w in summary.warnings if w.startswith("fusion:")]
        assert len(said) == 1 and case.name in said[0] and "none fused" in said[0]


def test_english_still_fuses(seeds: Cluster) -> None:
    summary = summarize(seeds, "fusion", Config(budget=Budget(words=120)))
    assert any(s.generated for s in summary.sentences)
    assert not any(w.startswith("fusion:") for w in summary.warnings)


def test_the_command_says_it_once(tmp_path: Path) -> None:
    for i, text in enumerate(GERMAN.docs):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "summarize", "brief", str(tmp_path),
                           "--method", "fusion", "--words", "50"], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if "fusion: german" in ln]
    assert len(lines) == 1 and "source sentences only" in lines[0]
    assert proc.stdout.strip()
