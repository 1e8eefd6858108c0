"""The Rapporter area: delårsrapporter, bokslut and verksamhetsberättelser written and printed."""
