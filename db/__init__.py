"""Database layer: schema, migrations and data access. No Qt widgets here."""
