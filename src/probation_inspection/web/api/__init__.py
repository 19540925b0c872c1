"""The REST API (/api/v1/) and the personal API tokens that sign its calls.

Built with django-ninja (decision 6); every operation goes through the same access gate and
services as the pages.
"""
