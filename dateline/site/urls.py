from django.urls import path, re_path

from dateline.site import views

app_name = "site"
JSON = r"(?P<fmt>\.json)?"

urlpatterns = [
    re_path(rf"^(?:index{JSON})?$", views.home, name="home"),
    # Before the article pattern, which would read "react" as a slug.
    path("articles/<str:key>/react", views.react, name="react"),
    re_path(
        rf"^articles/(?P<key>[0-9a-f]{{12}})/(?P<slug>[^/]+?){JSON}$", views.article, name="article"
    ),
    re_path(rf"^articles/(?P<key>[0-9a-f]{{12}}){JSON}$", views.article, name="article-short"),
    re_path(rf"^publishers/(?P<slug>[-\w]+?){JSON}$", views.publisher, name="publisher"),
    re_path(rf"^search{JSON}$", views.search, name="search"),
    re_path(rf"^status{JSON}$", views.status, name="status"),
    path("about", views.about, name="about"),
]
