"""Long work in the background (issue 15): a job a user started, its progress, and its file.

Owns the Job model, starting and running jobs through django-tasks, and the job's page.
"""
