"""The economy migration: tables exist, money columns are integers, checks hold."""

import sqlite3

import pytest


def test_economy_tables_exist(session):
    names = {r[0] for r in session.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for table in ("verksamhet", "internbudget", "internbudget_rad", "investeringsbudget",
                  "investeringsobjekt", "investeringsbelopp", "investeringsprojekt",
                  "budgetuppfoljning", "budgetuppfoljning_rad", "atgard", "nyckeltal",
                  "nyckeltalsvarde", "ekonomi_installning"):
        assert table in names


def test_sign_convention_is_checked(session):
    session.db.execute("INSERT INTO namnd (namn, kortnamn) VALUES ('N', 'N')")
    with pytest.raises(sqlite3.IntegrityError):
        session.db.execute("INSERT INTO ekonomi_installning (namnd_id, teckenkonvention) "
                           "VALUES (1, 'plus')")
