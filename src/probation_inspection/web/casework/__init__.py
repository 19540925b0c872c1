"""Case lists, samples, sampled cases, assessments and answers.

The journey from an uploaded case list to submitted assessments and live results.
"""
