"""Named, versioned components: coders, resolvers, exporters and engines are looked up here.

Built-in components register themselves with the same decorators a plug-in
uses, e.g. ``@registry.coders.register("khabar.events.rules.v1")``. A name's
behaviour never changes; a new behaviour gets a new version.
"""

from __future__ import annotations

import catalogue

coders = catalogue.create("khabar", "coders", entry_points=True)
exporters = catalogue.create("khabar", "exporters", entry_points=True)
engines = catalogue.create("khabar", "engines", entry_points=True)


def ensure_builtins() -> None:
    """Import the modules whose import registers the built-in components."""
    import khabar.events.rules  # noqa: F401
    import khabar.export  # noqa: F401
