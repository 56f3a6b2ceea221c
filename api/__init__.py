"""The chainkg REST API (FastAPI): ``create_app`` in :mod:`api.main`."""
