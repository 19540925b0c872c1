"""The inspection framework held as data: model, relevance rules, loader and validator.

Frameworks ship as YAML files in ``library/``, one file per framework version.
"""
