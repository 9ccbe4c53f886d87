from django.contrib import admin
from django.urls import include, path

from dateline.site.ratelimit import SIGN_IN, rate_limited

urlpatterns = [
    # Sign-in attempts are rate limited per address; the rest of the admin needs a session.
    path("admin/login/", rate_limited(SIGN_IN)(admin.site.login), name="admin-login"),
    path("admin/", admin.site.urls),
    path("api/", include("dateline.api.urls")),
    path("", include("dateline.site.urls")),
]

handler404 = "dateline.site.views.not_found"
