"""Residents' languages beyond the city's own: translated catalogues, replies and notices, and the checks that
every string an enabled language needs is there.

English content stays where a city edits it; each other language is a directory of overlays beside it
(data/catalog/<code>/) holding only the words a resident reads. Ids, numbers, hours and links live once, in the
English files, so a translation can never route a resident differently.
"""
