"""Probation Inspection Platform.

Runs an inspection of a probation provider end to end: the framework as data, samples,
case assessments, tallies over relevant cases, ratings and the report.
"""

__version__ = "0.1.0"
