"""The Google Reader API as FreshRSS, Miniflux and Inoreader serve it, for reader apps.

NetNewsWire, Reeder, ReadKit, FeedMe, Fiery Feeds and others sign in with `POST
/accounts/ClientLogin` and then call `/reader/api/0/...` with `Authorization: GoogleLogin
auth=<token>`. The views here parse and render; `dateline.store.reader` does the work.
"""
