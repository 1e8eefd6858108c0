"""Console entry point ``namndkansli``.

Kept tiny so that headless verbs (check, backup, demo) never import Qt: the GUI is
imported only when the ``gui`` verb runs.
"""

from __future__ import annotations

import sys

from app import cli


def run_gui(args) -> int:
    from ui.application import run

    return run(args)


def main(argv: list[str] | None = None) -> int:
    return cli.main(argv, gui=run_gui)


if __name__ == "__main__":
    sys.exit(main())
