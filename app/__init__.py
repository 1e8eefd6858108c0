"""Nämndkansli: domain and services. Runs headless: no Qt widgets or GUI here."""

__version__ = "0.1.0"
APP_NAME = "Nämndkansli"
APP_ID = "namndkansli"
#: File extension of a Nämndkansli database.
DB_SUFFIX = ".nkdb"
