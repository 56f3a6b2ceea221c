"""Thin routers: parse parameters, call :mod:`api.services`, return response models."""
