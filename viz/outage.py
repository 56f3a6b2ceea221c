"""The page a browser gets when the graph store does not answer (HTTP 503), in the page's
language, with the same look and language button as every page (the API keeps its
``application/problem+json``)."""

from __future__ import annotations

from chainkg.viz.csp import with_csp
from chainkg.viz.maps import Links
from chainkg.viz.render import templates
from chainkg.viz.text import Lang


def render_outage(retry: str, *, lang: Lang = "zh") -> str:
    """Return the outage page; ``retry`` is the page to try again (the one asked for)."""
    html = (
        templates()
        .get_template("outage.html")
        .render(lang=lang, links=Links(static=False), retry=retry)
    )
    return with_csp(html)
