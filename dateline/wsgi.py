import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings")
django_application = get_wsgi_application()

# After Django is set up: the page cache reads settings and the visitor cookie's name.
from dateline.site.front_cache import FrontCache  # noqa: E402

application = FrontCache(django_application)
