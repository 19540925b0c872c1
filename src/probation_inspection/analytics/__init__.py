"""Comparisons across inspections: league tables, distributions and change over time."""
