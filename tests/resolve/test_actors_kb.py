"""The actor knowledge base: coverage, dates, schema checks, and the variant-spelling set."""

from datetime import date
from pathlib import Path

import pytest

from khabar.errors import KhabarError
from khabar.resolve.actors import load_kb

VARIANTS = Path(__file__).resolve().parent / "data" / "actor_variants.tsv"
# Measured 0.987 on 528 names (2026-11-25); the floor leaves room for KB growth, not for regressions.
VARIANT_FLOOR = 0.95


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_coverage(kb):
    states = [a for a in kb.actors.values() if a.type == "state"]
    assert len(states) >= 249
    syria = [a for a in kb.actors.values() if a.module in ("syria", "syria_persons")
             and (a.code == "SYR" or a.module == "syria")]
    assert len(syria) >= 150
    assert {"igo.un", "igo.unsc", "igo.unga", "igo.eu", "igo.nato", "igo.arab_league", "igo.opcw"} <= set(kb.actors)


def test_demonyms_capitals_and_metonyms(kb):
    for text, code in [("Iranians", "IRN"), ("Turkish", "TUR"), ("Ankara", "TUR"), ("Moscow", "RUS"),
                       ("the Kremlin", "RUS"), ("Damascus", "SYR"), ("Israeli", "ISR"), ("U.S.", "USA")]:
        assert kb.resolve_name(text).code == code, text


def test_acronyms_are_case_sensitive(kb):
    assert kb.resolve_name("JFS").id == "syr.nusra"
    assert kb.resolve_name("jfs") is None or kb.resolve_name("jfs").id != "syr.nusra"
    assert kb.resolve_name("US").code == "USA"


def test_renaming_is_date_aware(kb):
    assert kb.resolve_name("Nusra Front", when=date(2015, 6, 1)).name == "Jabhat al-Nusra"
    assert kb.resolve_name("Nusra Front", when=date(2016, 10, 1)).name == "Jabhat Fath al-Sham"
    assert kb.resolve_name("Fath alSham").id == kb.resolve_name("Jabhat al-Nusra").id
    assert kb.resolve_name("HNC", when=date(2016, 5, 1)).name == "High Negotiations Committee"


def test_memberships_have_periods(kb):
    assert "syr.jaish_al_fath" in kb.memberships("syr.ahrar_al_sham", date(2016, 6, 1))
    assert "syr.jaish_al_fath" not in kb.memberships("syr.ahrar_al_sham", date(2018, 6, 1))
    assert kb.memberships("syr.nusra", date(2017, 6, 1)) == ["syr.hts"]


def test_person_offices_by_date(kb):
    assert kb.office("p.faisal_mekdad", date(2016, 1, 1)).role == "deputy foreign minister"
    assert kb.office("p.faisal_mekdad", date(2021, 1, 1)).role == "foreign minister"
    assert kb.office("p.sergei_lavrov", date(2016, 12, 1)).organisation == "rus.foreign_ministry"


def test_entity_label_constrains_type(kb):
    assert kb.resolve_name("Assad", label="PERSON").type == "person"


def test_variant_spellings(kb):
    rows = [line.split("\t") for line in VARIANTS.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    assert len(rows) >= 300
    misses = []
    for name, gold in rows:
        ref = kb.resolve_name(name)
        if ref is None or ref.id != gold.strip():
            misses.append((name, gold.strip(), ref.id if ref else None))
    accuracy = 1 - len(misses) / len(rows)
    print(f"\nactor variant-spelling accuracy: {accuracy:.3f} ({len(rows) - len(misses)}/{len(rows)})")
    assert accuracy >= VARIANT_FLOOR, misses


def _write(tmp_path, body: str) -> Path:
    path = tmp_path / "extra.yaml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize("body, needle", [
    ("module: x\nactors:\n  - {id: x.a, name: A, type: armed_group, code: SYR, sector: BAD}\n", "sector"),
    ("module: x\nactors:\n  - {id: x.a, name: A, type: warlord, code: SYR}\n", "type"),
    ("module: x\nactors:\n  - {id: x.a, name: A, type: armed_group, code: Syria}\n", "code"),
    ("module: x\nactors:\n  - {id: x.a, name: A, type: armed_group, code: SYR, "
     "member_of: [{actor: x.missing}]}\n", "unknown actor"),
    ("module: x\nactors: [unclosed\n", "YAML"),
    ("- just a list\n", "mapping"),
    ("module: x\nactors:\n  - {id: x.a, name: A, type: armed_group, code: SYR, names: [{name: B, from: soon}]}\n",
     "date"),
])
def test_bad_file_is_E051(tmp_path, body, needle):
    with pytest.raises(KhabarError) as err:
        load_kb([_write(tmp_path, body)])
    assert err.value.code == "E051"
    assert needle in str(err.value)


def test_missing_file_is_E051(tmp_path):
    with pytest.raises(KhabarError) as err:
        load_kb([tmp_path / "nope.yaml"])
    assert err.value.code == "E051"


def test_extra_module_without_code(tmp_path):
    path = _write(tmp_path, """
module: yemen
actors:
  - {id: yem.houthis, name: Ansar Allah, type: armed_group, code: YEM, sector: REB,
     aliases: [Houthis, Houthi rebels, Huthis], acronyms: [AA]}
generics:
  - {phrases: [the rebels], actor: yem.houthis, scope: [YEM]}
""")
    kb = load_kb([path])
    assert kb.resolve_name("Houthis").id == "yem.houthis"
    assert kb.resolve_name("Hutis").id == "yem.houthis"
    assert "yemen" in kb.modules


def test_compiled_cache_is_used_and_survives_corruption(tmp_path, monkeypatch):
    from khabar.resolve.actors import kb as kbmod

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = _write(tmp_path, "module: x\nactors:\n  - {id: x.a, name: Alpha Brigade, type: armed_group, code: SYR}\n")
    kbmod._load.cache_clear()
    first = load_kb([path])
    cached = list((tmp_path / "khabar").glob("actors-*.pickle"))
    assert len(cached) == 1
    cached[0].write_bytes(b"not a pickle")
    kbmod._load.cache_clear()
    again = load_kb([path])
    assert again.resolve_name("Alpha Brigade").id == first.resolve_name("Alpha Brigade").id == "x.a"
