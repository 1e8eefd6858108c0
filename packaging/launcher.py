"""Entry point of the packaged program (PyInstaller): the same as the console script
``namndkansli`` (ui.launch:main), so the packaged program and ``pip install`` behave
alike."""

import sys

from ui.launch import main

if __name__ == "__main__":
    sys.exit(main())
