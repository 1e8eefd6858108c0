"""Excel import dialog and export helpers shared by every table in the program."""
