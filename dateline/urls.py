from django.contrib import admin
from django.urls import include, path

from dateline.api import fever
from dateline.site.ratelimit import SIGN_IN, rate_limited

urlpatterns = [
    # Sign-in attempts are rate limited per address; the rest of the admin needs a session.
    path("admin/login/", rate_limited(SIGN_IN)(admin.site.login), name="admin-login"),
    path("admin/", admin.site.urls),
    path("api/", include("dateline.api.urls")),
    # Reader apps: the Google Reader API (/accounts/ClientLogin, /reader/api/0/...) and Fever.
    path("", include("dateline.api.greader.urls")),
    path("fever/", fever.fever, name="fever"),
    path("fever", fever.fever),  # apps post to either; a slash redirect would lose the POST
    path("", include("dateline.site.urls")),
]

handler404 = "dateline.site.views.not_found"
