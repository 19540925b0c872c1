"""The append-only audit log of every change to answers, case attributes, samples and assignments.

Events are written by the casework services and can be read but never edited.
"""
