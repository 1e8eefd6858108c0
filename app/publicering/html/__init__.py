"""The web copy's renderers: one module per page (anslag, protokoll, kallelse) and
:mod:`page` for what they share."""
