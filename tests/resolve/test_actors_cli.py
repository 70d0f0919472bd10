"""``khabar actors resolve|list``: the knowledge base from the command line."""

import json

from typer.testing import CliRunner

from khabar.cli.actors import app
from khabar.errors import KhabarError

runner = CliRunner()


def test_resolve_json():
    result = runner.invoke(app, ["resolve", "Fath alSham", "Zanki", "Nowhere Brigade XQ", "--json",
                                 "--date", "2016-12-01"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows[0]["id"] == "syr.nusra" and rows[0]["name"] == "Jabhat Fath al-Sham"
    assert "syr.jaish_al_fath" in rows[0]["member_of"]
    assert rows[1]["code"] == "SYR" and rows[1]["sector"] == "REB"
    assert rows[2]["resolved"] is False


def test_resolve_table_and_person_office():
    result = runner.invoke(app, ["resolve", "Sergey Lavrov", "--date", "2016-12-01"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "p.sergei_lavrov" in result.output and "foreign minister" in result.output


def test_list_module_json():
    result = runner.invoke(app, ["list", "--module", "syria", "--json"])
    assert result.exit_code == 0
    actors = json.loads(result.output)
    assert len(actors) >= 150
    assert {a["module"] for a in actors} == {"syria"}


def test_extra_kb_file(tmp_path):
    path = tmp_path / "yemen.yaml"
    path.write_text("module: yemen\nactors:\n  - {id: yem.houthis, name: Ansar Allah, type: armed_group, "
                    "code: YEM, sector: REB, aliases: [Houthis]}\n", encoding="utf-8")
    result = runner.invoke(app, ["resolve", "Houthis", "--kb", str(path), "--json"])
    assert json.loads(result.output)[0]["id"] == "yem.houthis"


def test_user_errors_are_khabar_errors(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("module: x\nactors: [{id: x.a, name: A, type: tank, code: SYR}]\n", encoding="utf-8")
    for args, code in ((["resolve", "x", "--kb", str(bad)], "E051"), (["list", "--module", "nope"], "E081"),
                       (["resolve", "x", "--date", "yesterday"], "E031")):
        result = runner.invoke(app, args)
        assert isinstance(result.exception, KhabarError) and result.exception.code == code
