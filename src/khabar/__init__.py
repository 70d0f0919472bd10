"""khabar: evidence-linked PLOVER event data, quotes and sources from conflict and political news."""

from __future__ import annotations

__version__ = "0.1.0"
