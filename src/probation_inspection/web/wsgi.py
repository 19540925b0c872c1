"""The WSGI entry point for serving the web application.

Used by ``manage.py runserver`` and by any WSGI server in a deployment.
"""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "probation_inspection.web.settings")
application = get_wsgi_application()
