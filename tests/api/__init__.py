"""Tests of the REST API through the app, on both stores."""
