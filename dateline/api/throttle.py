"""The site's token buckets (`site.ratelimit`) as a django-ninja throttle for API writes."""

from __future__ import annotations

import threading

from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from dateline.site.ratelimit import Limit, client_id, take


class BucketThrottle(BaseThrottle):
    def __init__(self, limit: Limit) -> None:
        self.limit = limit
        self._last = threading.local()  # ninja asks wait() right after allow_request()

    def allow_request(self, request: HttpRequest) -> bool:
        self._last.wait = take(self.limit, client_id(request))
        return not self._last.wait

    def wait(self) -> float | None:
        return getattr(self._last, "wait", None) or None
