"""Files shipped with the program: fonts (with their licenses), icons, translations.

A package (not a plain folder) so that setuptools includes it as package data and
``importlib.resources.files("resources")`` finds it when installed.
"""
