"""FastAPI application: HTML pages for analysts, JSON API for programs.

Article text is untrusted: templates autoescape everything, and evidence
highlighting is built from escaped pieces, never from raw HTML.
"""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from khabar import __version__
from khabar.store import Store

PAGE_SIZE = 50


def highlight(text: str, spans: list[tuple[int, int, str]]) -> Markup:
    """``text`` with the non-overlapping spans wrapped in <mark class=KIND>, everything escaped."""
    out, pos = [], 0
    for start, end, kind in sorted(spans):
        if start < pos or end > len(text) or start >= end:
            continue
        out.append(escape(text[pos:start]))
        out.append(Markup('<mark class="{}">{}</mark>').format(kind, text[start:end]))
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def create_app(db: str | None = None) -> FastAPI:
    store = Store.open(db)
    app = FastAPI(title="khabar", version=__version__, docs_url="/api/docs", openapi_url="/api/openapi.json")
    env = Environment(loader=PackageLoader("khabar.web", "templates"), autoescape=select_autoescape(["html"]))
    env.globals["version"] = __version__
    app.mount("/static", StaticFiles(directory=str(resources.files("khabar.web") / "static")), name="static")

    def page(name: str, **context) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**context))

    def load(article_id: str) -> tuple[dict, dict]:
        for row, result in store.iter_analyses(article_id=article_id):
            return row, result
        raise HTTPException(status_code=404, detail=f"no article {article_id}")

    @app.get("/api/articles")
    def api_articles(offset: int = Query(0, ge=0), limit: int = Query(PAGE_SIZE, ge=1, le=500)) -> dict:
        rows = store.list_articles(offset=offset, limit=limit)
        return {"total": store.counts()["articles"], "offset": offset, "articles": rows}

    @app.get("/api/articles/{article_id}")
    def api_article(article_id: str) -> dict:
        return load(article_id)[1]

    @app.get("/api/events")
    def api_events(event_type: str | None = None, actor_code: str | None = None,
                   offset: int = Query(0, ge=0), limit: int = Query(PAGE_SIZE, ge=1, le=500)) -> dict:
        return {"events": store.list_events(event_type=event_type, actor_code=actor_code,
                                            offset=offset, limit=limit)}

    @app.get("/", response_class=HTMLResponse)
    def index(offset: int = Query(0, ge=0)) -> HTMLResponse:
        return page("index.html", articles=store.list_articles(offset=offset, limit=PAGE_SIZE),
                    counts=store.counts(), offset=offset, page_size=PAGE_SIZE, db=store.location)

    @app.get("/articles/{article_id}", response_class=HTMLResponse)
    def article(article_id: str) -> HTMLResponse:
        row, result = load(article_id)
        text = row["text"]
        spans = [(e["trigger"]["start"], e["trigger"]["end"], "trigger") for e in result["events"]]
        spans += [(a["start"], a["end"], "actor") for a in result["actors"]]
        spans += [(p["start"], p["end"], "place") for p in result["places"]]
        spans += [(d["start"], d["end"], "date") for d in result["dates"]]
        evidence = {e["id"]: highlight(e["evidence"]["text"], [
            (e["trigger"]["start"] - e["evidence"]["start"], e["trigger"]["end"] - e["evidence"]["start"], "trigger")])
            for e in result["events"]}
        return page("article.html", row=row, result=result, body=highlight(text, spans), evidence=evidence)

    @app.exception_handler(HTTPException)
    def not_found(request: Request, exc: HTTPException):
        if request.url.path.startswith("/api/"):
            from fastapi.responses import JSONResponse

            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        return HTMLResponse(env.get_template("error.html").render(message=exc.detail), status_code=exc.status_code)

    return app
