"""Generate the published JSON Schemas from the data model: ``python -m khabar.schema DIR``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from khabar.model import Analysis, Article


def schemas() -> dict[str, dict]:
    """The JSON Schema of each published document, by file name."""
    analysis = Analysis.model_json_schema(mode="serialization")
    analysis["$id"] = "https://khabar.invalid/schema/analysis.schema.json"
    analysis["title"] = "khabar analysis (one article): output of `khabar analyze --format json`"
    article = Article.model_json_schema(mode="validation")
    article["title"] = "khabar article (ingest record)"
    return {"analysis.schema.json": analysis, "article.schema.json": article}


def write(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = directory / name
        path.write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/schema")):
        print(path)
