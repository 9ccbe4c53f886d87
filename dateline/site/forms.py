"""The search form: words plus filters, validated once for the page, its JSON and its feeds."""

from __future__ import annotations

import re

from django import forms

from dateline.store import reading
from dateline.store.search import Filters

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Words")
    since = forms.DateField(required=False, label="From", widget=forms.DateInput({"type": "date"}))
    until = forms.DateField(required=False, label="To", widget=forms.DateInput({"type": "date"}))
    publisher = forms.SlugField(required=False, max_length=200, label="Publisher")
    language = forms.RegexField(
        regex=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$", required=False, max_length=12
    )
    originals = forms.BooleanField(required=False, label="Originals only")
    everything = forms.BooleanField(required=False, label="All articles, not only the newest")

    def clean_q(self) -> str:
        # Control characters are no words, and XML 1.0 (the search's RSS and Atom) cannot
        # carry them: a feed asked for "%01" answered 500.
        return _CONTROL.sub(" ", self.cleaned_data.get("q", "")).strip()

    def query(self) -> str:
        return self.cleaned_data.get("q", "")

    def filters(self) -> Filters:
        """The valid filters; an invalid field is ignored (and reported by `applied`). Worked
        out once per form: it looks up the publisher and the newest article."""
        if not hasattr(self, "_filters"):
            self._filters = self._read_filters()
        return self._filters

    def _read_filters(self) -> Filters:
        data = self.cleaned_data if self.is_bound else {}
        return reading.search_filters(
            since=data.get("since"),
            until=data.get("until"),
            publisher=data.get("publisher") or None,
            language=data.get("language") or None,
            originals_only=bool(data.get("originals")),
            everything=bool(data.get("everything")),
        )

    def applied(self) -> dict:
        """The filters as understood, for the page and its JSON (dates as ISO text)."""
        data = self.cleaned_data if self.is_bound else {}
        return {
            "since": data["since"].isoformat() if data.get("since") else None,
            "until": data["until"].isoformat() if data.get("until") else None,
            "publisher": data.get("publisher") or None,
            "language": data.get("language") or None,
            "originals": bool(data.get("originals")),
            "everything": bool(data.get("everything")),
            "newest_only": self.filters().min_id is not None,
            "errors": {name: [str(e) for e in errs] for name, errs in self.errors.items()},
        }


def search_form(params) -> SearchForm:
    form = SearchForm(params)
    form.is_valid()  # fills cleaned_data with the valid fields
    return form
