"""Signing in and out of the web application.

Authentication itself is Django's; rate limiting is django-axes.
"""
