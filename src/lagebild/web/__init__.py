"""The local web UI (FastAPI, server-rendered templates): `create_app(db_url)` and `serve()`."""
from lagebild.web.app import create_app, serve

__all__ = ["create_app", "serve"]
