"""Files shipped inside installed packages (sumy's stop words, our seed reports), found
without ``importlib.resources``.

``importlib.resources`` imports ``zipfile`` and its readers on first use: 5-13 ms at the
start of every brief (``python -X importtime``), for two folders that pip installs as plain
folders. The package's folder comes from its import spec (``importlib.util`` is loaded by
Python's own start-up, and the package is not executed); ``importlib.resources`` is the
fallback where that gives no folder (a zipped install).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path


def package_folder(package: str) -> Path | None:
    """The folder of ``package`` on disk, or None (not installed, not a folder)."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    places = list(spec.submodule_search_locations or ()) if spec is not None else []
    for place in places:
        if Path(place).is_dir():
            return Path(place)
    return None


def read_text(package: str, relative: str) -> str | None:
    """The text of file ``relative`` inside ``package`` (UTF-8), or None where it has none."""
    folder = package_folder(package)
    if folder is not None:
        try:
            return (folder / relative).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
    from importlib.resources import files

    try:
        return files(package).joinpath(relative).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError, TypeError):
        return None
