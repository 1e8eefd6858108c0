"""The Organisation area: kommun, nämnder with organ and förvaltningar, people, and the
seats (ledamöter och ersättare) of each organ. ``ui.organisation.area`` registers it."""
