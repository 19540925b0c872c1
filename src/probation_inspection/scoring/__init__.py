"""Tallies over relevant cases, confidence intervals, rating rules, discretion and the overall score."""
