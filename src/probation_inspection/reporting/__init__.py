"""The report model built from an inspection, and its renderers."""
