"""The summarize and eval packages must work without Textual: they never import it."""

from __future__ import annotations

import json
import subprocess
import sys

CODE = r"""
import importlib, json, pkgutil, sys
import summarize, eval as evalpkg
names = []
for pkg in (summarize, evalpkg):
    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        if info.name.endswith("__main__"):
            continue
        try:
            importlib.import_module(info.name)
        except ImportError:
            continue  # a module that needs a missing optional extra
        names.append(info.name)
bad = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "tui"))
print(json.dumps({"imported": names, "bad": bad}))
"""


def test_summarize_and_eval_never_import_textual() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True,
                         check=True, timeout=120)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert "summarize.pipeline" in result["imported"]
    assert "eval.rouge" in result["imported"]
    assert result["bad"] == []
