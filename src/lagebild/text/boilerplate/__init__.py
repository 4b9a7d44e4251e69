"""Boilerplate removal that holds for any outlet: lexicon access (`lexicon`), tokens and line
features (`tokens`, `features`, `credits`), one scorer (`scorer`), context rules (`context`) and
topical cohesion (`cohesion`). The `clean` stage in `text/clean.py` puts them together."""
