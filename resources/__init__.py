"""Files shipped with the program: fonts (with their licenses), icons, translations, and
the user guide (guide/*.md, shown on F1 and readable as plain files).

A package (not a plain folder) so that setuptools includes it as package data and
``importlib.resources.files("resources")`` finds it when installed.
"""
