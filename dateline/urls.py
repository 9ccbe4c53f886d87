from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("dateline.site.urls")),
]

handler404 = "dateline.site.views.not_found"
