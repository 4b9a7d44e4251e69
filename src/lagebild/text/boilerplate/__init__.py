"""Boilerplate removal that holds for any outlet: lexicon access, line features, one scorer,
context rules and topical cohesion. The `clean` stage in `text/clean.py` puts them together."""
