"""khabar's knowledge files (YAML and JSON under this folder) and the loader they share."""

from __future__ import annotations

from pathlib import Path

import yaml

from khabar.errors import KhabarError


def load_yaml(path: Path) -> dict:
    """A knowledge file: a YAML mapping that carries ``version: 1``.

    Raises:
        KhabarError: E051 naming the file when it cannot be read, is not YAML, or has
            another shape.
    """
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KhabarError("E051", path=str(path), detail=str(exc).splitlines()[0]) from None
    if not isinstance(data, dict) or data.get("version") != 1:
        raise KhabarError("E051", path=str(path), detail="expected a mapping with 'version: 1'")
    return data
