import os
import sys

from django.core import checks
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hubsite.settings.production")

application = get_wsgi_application()

# gunicorn runs no system checks: refuse to serve with a cache that is a security hole, as `manage.py
# check` does (a file cache other users can write to runs their code: operations/checks.py).
_errors = [error for error in checks.run_checks(tags=[checks.Tags.caches]) if error.is_serious()]
if _errors:
    print(*(f"{error.msg} Fix: {error.hint}" for error in _errors), sep="\n", file=sys.stderr)
    # 3 is gunicorn's "worker failed to boot": without preload_app, its master stops instead of
    # starting new workers that fail again.
    raise SystemExit(3)
