import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from khabar.batch.sources import BadRecord, count_records, iter_articles
from khabar.errors import KhabarError

from .corpus import make_texts, write_jsonl


def test_directory_of_txt_jsonl_and_parquet(tmp_path: Path):
    texts = make_texts(5)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.txt").write_text(texts[0], encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    write_jsonl(tmp_path / "more.jsonl", 3)
    pq.write_table(pa.table({"id": ["p1", "p2"], "text": texts[3:5],
                             "published": ["2016-12-01", None]}), tmp_path / "rows.parquet")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")

    items = list(iter_articles(tmp_path))
    good = [i for i in items if not isinstance(i, BadRecord)]
    bad = [i for i in items if isinstance(i, BadRecord)]
    assert sorted(a.external_id for a in good) == ["p1", "p2", "r0000", "r0001", "r0002", "sub/one.txt"]
    assert {b.key for b in bad} == {"empty.txt", "more.jsonl:3", "more.jsonl:4"}
    by_id = {a.external_id: a for a in good}
    assert str(by_id["p1"].published) == "2016-12-01" and by_id["p2"].published is None
    assert by_id["r0000"].publisher == "Test Wire"
    assert by_id["sub/one.txt"].text == texts[0]
    assert count_records(tmp_path) == len(items)


def test_bad_published_date_is_a_bad_record(tmp_path: Path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": "Troops shelled the town.", "published": "yesterday"}) + "\n")
    (item,) = iter_articles(path)
    assert isinstance(item, BadRecord) and item.line == 1


def test_missing_input_is_a_khabar_error(tmp_path: Path):
    with pytest.raises(KhabarError) as info:
        list(iter_articles(tmp_path / "nope.jsonl"))
    assert info.value.code == "E020"
