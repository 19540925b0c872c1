"""Reading published inspection reports into structured records, checked against the rules.

Public entry points: ``read_report`` for text, ``import_bytes`` and ``ImportLedger`` for files.
"""
