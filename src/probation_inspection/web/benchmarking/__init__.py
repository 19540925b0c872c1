"""The benchmark store: published inspection reports in the application database, compared.

Import pages and command, and the comparisons page over published and platform inspections.
"""
