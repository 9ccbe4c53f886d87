from django.urls import path

from dateline.api import docs
from dateline.api.main import api

urlpatterns = [
    path("docs/assets/<str:name>", docs.asset, name="api-docs-asset"),
    path("", api.urls),
]
