from django.urls import path, re_path

from dateline.site import account_views, feeds, follow_views, story_views, views

app_name = "site"
JSON = r"(?P<fmt>\.json)?"
SLUG = r"(?P<slug>[-\w]+?)"

urlpatterns = [
    re_path(rf"^(?:index{JSON})?$", views.home, name="home"),
    # Before the article pattern, which would read "react" as a slug.
    path("articles/<str:key>/react", views.react, name="react"),
    re_path(
        rf"^articles/(?P<key>[0-9a-f]{{12}})/(?P<slug>[^/]+?){JSON}$", views.article, name="article"
    ),
    re_path(rf"^articles/(?P<key>[0-9a-f]{{12}}){JSON}$", views.article, name="article-short"),
    re_path(rf"^publishers/{SLUG}{JSON}$", views.publisher, name="publisher"),
    re_path(rf"^latest{JSON}$", views.latest, name="latest"),
    # Accounts, the reader's own page, follows.
    path("account/sign-up", account_views.sign_up, name="sign-up"),
    path("account/sign-in", account_views.sign_in, name="sign-in"),
    path("account/sign-out", account_views.sign_out, name="sign-out"),
    re_path(rf"^you{JSON}$", account_views.your_reading, name="you"),
    path("you/forget", account_views.forget_me, name="forget"),
    path(
        "publishers/<slug:slug>/follow",
        follow_views.publisher_follow,
        {"on": True},
        name="follow-publisher",
    ),
    path(
        "publishers/<slug:slug>/unfollow",
        follow_views.publisher_follow,
        {"on": False},
        name="unfollow-publisher",
    ),
    path("topics/<str:slug>/follow", follow_views.topic_follow, {"on": True}, name="follow-topic"),
    path(
        "topics/<str:slug>/unfollow",
        follow_views.topic_follow,
        {"on": False},
        name="unfollow-topic",
    ),
    re_path(rf"^search{JSON}$", views.search, name="search"),
    re_path(rf"^stories/(?P<pk>[0-9]+){JSON}$", story_views.story, name="story"),
    re_path(r"^stories/(?P<pk>[0-9]+)/feed\.xml$", feeds.ArticleRss(), {"channel": "story"}),
    re_path(r"^stories/(?P<pk>[0-9]+)/feed\.atom$", feeds.ArticleAtom(), {"channel": "story"}),
    re_path(r"^stories/(?P<pk>[0-9]+)/feed\.json$", feeds.json_feed, {"channel": "story"}),
    re_path(rf"^topics/(?P<slug>[-\w]+?){JSON}$", story_views.topic, name="topic"),
    re_path(rf"^status{JSON}$", views.status, name="status"),
    re_path(rf"^about{JSON}$", views.about, name="about"),
    # Feeds out: RSS 2.0 (.xml), Atom (.atom) and JSON Feed (.json) of each channel.
    path("feed.xml", feeds.ArticleRss(), {"channel": "home"}, name="feed-rss"),
    path("feed.atom", feeds.ArticleAtom(), {"channel": "home"}, name="feed-atom"),
    path("feed.json", feeds.json_feed, {"channel": "home"}, name="feed-json"),
    re_path(
        rf"^publishers/{SLUG}/feed\.xml$",
        feeds.ArticleRss(),
        {"channel": "publisher"},
        name="publisher-feed-rss",
    ),
    re_path(
        rf"^publishers/{SLUG}/feed\.atom$",
        feeds.ArticleAtom(),
        {"channel": "publisher"},
        name="publisher-feed-atom",
    ),
    re_path(
        rf"^publishers/{SLUG}/feed\.json$",
        feeds.json_feed,
        {"channel": "publisher"},
        name="publisher-feed-json",
    ),
    path("search/feed.xml", feeds.ArticleRss(), {"channel": "search"}, name="search-feed-rss"),
    path("search/feed.atom", feeds.ArticleAtom(), {"channel": "search"}, name="search-feed-atom"),
    path("search/feed.json", feeds.json_feed, {"channel": "search"}, name="search-feed-json"),
    # For crawlers.
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-<str:section>.xml", views.sitemap_section, name="sitemap-section"),
    path("news-sitemap.xml", views.news_sitemap, name="news-sitemap"),
    path("robots.txt", views.robots, name="robots"),
]
