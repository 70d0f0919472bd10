"""khabar's configuration: shipped defaults, overlaid by a user file, the environment and options."""

from __future__ import annotations

import copy
import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from khabar.errors import KhabarError

ENV_PREFIX = "KHABAR_"


def _merge(base: dict, over: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _coerce(raw: str, like: Any) -> Any:
    if isinstance(like, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(like, int):
        return int(raw)
    if isinstance(like, float):
        return float(raw)
    if isinstance(like, list):
        return [p for p in raw.split(os.pathsep) if p]
    return raw


def user_config_path() -> Path:
    if os.environ.get("KHABAR_CONFIG"):
        return Path(os.environ["KHABAR_CONFIG"])
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "khabar" / "config.toml"


def load_config(path: str | Path | None = None, overrides: dict | None = None) -> dict:
    """The effective configuration.

    Args:
        path: A user TOML file; defaults to ``user_config_path()`` when it exists.
        overrides: Values from command-line options, as nested dicts.
    """
    default = tomllib.loads(resources.files("khabar.config").joinpath("default.toml").read_text())
    config = default
    user = Path(path) if path else user_config_path()
    if path and not user.exists():
        raise KhabarError("E010", path=str(user))
    if user.exists():
        try:
            config = _merge(config, tomllib.loads(user.read_text(encoding="utf-8")))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise KhabarError("E011", path=str(user), detail=str(exc)) from None
    for name, raw in os.environ.items():
        if not name.startswith(ENV_PREFIX) or "__" not in name:
            continue
        section, _, key = name[len(ENV_PREFIX):].lower().partition("__")
        if section in config and key in config[section]:
            config[section][key] = _coerce(raw, config[section][key])
    if overrides:
        config = _merge(config, {s: {k: v for k, v in kv.items() if v is not None}
                                 for s, kv in overrides.items()})
    return config


def default_db_url() -> str:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return "sqlite:///" + str(Path(base) / "khabar" / "khabar.db")
