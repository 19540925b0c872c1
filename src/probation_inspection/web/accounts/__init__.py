"""Signing in and out of the web application, and the programme roles users hold.

Authentication itself is Django's; rate limiting is django-axes (with `lockout`).
"""
