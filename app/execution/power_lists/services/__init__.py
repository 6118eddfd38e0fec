"""Use cases of the power lists, one module per group: the catalogue
(types, code formats, items, implementations and their duties), list changes
carried by adjustment cases, and publishing."""
