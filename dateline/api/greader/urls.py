"""Google Reader API routes, at the site root where apps look for them."""

from __future__ import annotations

from django.urls import path

from dateline.api.greader import auth, state, streams, subscriptions

API = "reader/api/0/"

urlpatterns = [
    path("accounts/ClientLogin", auth.client_login, name="greader-login"),
    path(API + "token", auth.token, name="greader-token"),
    path(API + "user-info", subscriptions.user_info, name="greader-user-info"),
    path(API + "subscription/list", subscriptions.subscription_list),
    path(API + "subscription/edit", subscriptions.subscription_edit),
    path(API + "subscription/quickadd", subscriptions.quickadd),
    path(API + "tag/list", subscriptions.tag_list),
    path(API + "rename-tag", subscriptions.rename_tag),
    path(API + "disable-tag", subscriptions.disable_tag),
    path(API + "unread-count", subscriptions.unread_count),
    path(API + "stream/contents", streams.contents),
    path(API + "stream/contents/<path:stream_id>", streams.contents, name="greader-stream"),
    path(API + "stream/items/ids", streams.item_ids),
    path(API + "stream/items/contents", streams.item_contents),
    path(API + "edit-tag", state.edit_tag),
    path(API + "mark-all-as-read", state.mark_all_as_read),
]
