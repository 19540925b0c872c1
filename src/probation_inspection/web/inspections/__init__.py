"""Providers, delivery units, inspections and their teams.

Who may see and change what is decided here, from team membership and role.
"""
