"""The serve stage: a read-only web UI and JSON API over a khabar database (FastAPI)."""
