"""The pseudonym key for case-level exports: from the environment, else one per installation.

Never in the repository: ``PSEUDONYM_KEY`` (setting or environment), or a key generated once
into ``var/pseudonym.key`` (readable by its owner only) on first use.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.conf import settings

FILE_NAME = "pseudonym.key"


def pseudonym_key() -> bytes:
    configured = getattr(settings, "PSEUDONYM_KEY", "") or os.environ.get("PSEUDONYM_KEY", "")
    if configured:
        return str(configured).encode("utf-8")
    path = Path(settings.VAR_DIR) / FILE_NAME
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # O_EXCL: two first exports at once must not write two different keys.
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(descriptor, "w", encoding="ascii") as handle:
                handle.write(secrets.token_hex(32) + "\n")
    return path.read_bytes().strip()
