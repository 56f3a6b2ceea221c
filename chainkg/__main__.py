"""``python -m chainkg``: the same as the ``chainkg`` command."""

from __future__ import annotations

from chainkg.cli import main

main()
