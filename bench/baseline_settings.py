"""Settings for the page benchmark: Liaise's own settings, plus the baseline view's URL and template.

Everything else (middleware, DEBUG off, database, cache, template loaders) is exactly what ``liaise serve``
uses, so the baseline and the pages go through the same server, settings and middleware stack.
"""

import copy
from pathlib import Path

from liaise.settings import *  # noqa: F403
from liaise.settings import TEMPLATES as _LIAISE_TEMPLATES

ROOT_URLCONF = "baseline_urls"

TEMPLATES = copy.deepcopy(_LIAISE_TEMPLATES)
# Production mode lists its loaders explicitly (cached app_directories loader), so add the filesystem loader
# for bench/templates inside the same cache; development mode finds DIRS by itself.
TEMPLATES[0]["DIRS"] = [Path(__file__).resolve().parent / "templates"]
_loaders = TEMPLATES[0]["OPTIONS"].get("loaders")
if _loaders:
    _cached, _inner = _loaders[0]
    _loaders[0] = (_cached, ["django.template.loaders.filesystem.Loader", *_inner])
