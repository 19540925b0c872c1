"""The reports app: narrative sections, report versions and their workflow, report pages.

Builds the reporting core's input from the database and renders the core's report model.
"""
