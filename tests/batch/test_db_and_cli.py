"""`khabar batch` from the command line, and `--db` storing each result once across reruns."""

import json
from collections import Counter
from pathlib import Path

from typer.testing import CliRunner

from khabar.batch import run_batch

from .corpus import output_ids


def test_db_gets_each_article_once_across_reruns(tmp_path: Path, corpus):
    from khabar.store import Store

    input, ids = corpus
    db = f"sqlite:///{tmp_path / 'k.db'}"
    run_batch(input, tmp_path / "out.jsonl", workers=1, chunk_size=4, limit=5, db=db, progress=False)
    run_batch(input, tmp_path / "out.jsonl", workers=1, chunk_size=4, limit=3, db=db, progress=False)
    assert Store.open(db).counts()["articles"] == 8


def test_cli_batch_writes_parquet_and_reports(tmp_path: Path, corpus):
    from khabar.cli import app

    input, ids = corpus
    output = tmp_path / "out.parquet"
    result = CliRunner().invoke(app, ["batch", str(input), str(output), "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output.strip().splitlines()[-1])
    assert (summary["analysed"], summary["errors"]) == (len(ids), 2)
    assert Counter(output_ids(output)) == Counter(ids)
