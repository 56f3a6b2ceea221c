"""Interactive maps of the plan graph (pyvis + vis-network, fully offline) and the front page."""
