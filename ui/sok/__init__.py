"""The search window (Redigera → Sök i allt…, Ctrl+Shift+F): search_window.py shows the
hits as they are typed, open_hit.py opens one in its area at its place."""
