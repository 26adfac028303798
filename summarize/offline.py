"""Hugging Face libraries offline and quiet, in this process, before (or after) they load.

A brief never reaches the network unless the user names an endpoint (``llm``), yet
``from_pretrained(..., local_files_only=True)`` still let the hub client look up
huggingface.co (a DNS query for ``--model facebook/bart-large-cnn``). And the libraries
write to stderr on their own: "Loading weights: 100%|..." bars, a "LOAD REPORT" table,
advisory warnings; a command's stderr is for the brief's own warnings, so they are off
unless asked for (``verbose``). The settings are environment variables, read by the
libraries when they load; for a library already loaded its switches are set directly.
"""

from __future__ import annotations

import os
import sys
import warnings

OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1", "HF_HUB_DISABLE_IMPLICIT_TOKEN": "1",
}
"""Every request the hub client would make raises at once instead."""

QUIET_ENV = {"HF_HUB_DISABLE_PROGRESS_BARS": "1", "TRANSFORMERS_VERBOSITY": "error",
             "TRANSFORMERS_NO_ADVISORY_WARNINGS": "1"}

_NOISY = r"(transformers|torch|huggingface_hub|tokenizers|safetensors|sentence_transformers)"


def hub_offline(quiet: bool = True) -> None:
    """Offline mode for good in this process; with ``quiet``, no bars, reports or warnings."""
    os.environ.update(OFFLINE_ENV)
    constants = sys.modules.get("huggingface_hub.constants")
    if constants is not None:  # read once at its import: set its switch too
        constants.HF_HUB_OFFLINE = True  # type: ignore[attr-defined]
        constants.HF_HUB_DISABLE_TELEMETRY = True  # type: ignore[attr-defined]
    if not quiet:
        return
    for name, value in QUIET_ENV.items():
        os.environ.setdefault(name, value)
    warnings.filterwarnings("ignore", module=_NOISY + r"(\.|$)")
    hub_utils = sys.modules.get("huggingface_hub.utils")
    if hub_utils is not None:
        hub_utils.disable_progress_bars()  # type: ignore[attr-defined]
    logging = sys.modules.get("transformers.utils.logging")
    if logging is not None:
        logging.set_verbosity_error()  # type: ignore[attr-defined]
        logging.disable_progress_bar()  # type: ignore[attr-defined]


__all__ = ["OFFLINE_ENV", "QUIET_ENV", "hub_offline"]
