"""Hand-written reports for story tests: one shooting told by two outlets, one unrelated event."""

from __future__ import annotations

from datetime import UTC, datetime

from dateline.store.ingest import store_article
from dateline.store.models import Article
from dateline.understand.article import Article as Extracted

T0 = datetime(2016, 3, 14, 9, 0, tzinfo=UTC)

SHOOTING = [
    (
        "Man shot outside Rocky Mount church, police say",
        "Rocky Mount Telegram",
        "ROCKY MOUNT, N.C.",
        [
            "A 34-year-old man was shot outside Word Tabernacle Church on Sunday night, Rocky "
            "Mount police said.",
            "Kevin Barbee was taken to Nash General Hospital with wounds that were not life "
            "threatening, according to Sgt. Anne Whitley of the Rocky Mount Police Department.",
            "Police are looking for a dark sedan seen leaving the church parking lot on "
            "Sunset Avenue shortly after 9 p.m.",
        ],
    ),
    (
        "Police seek sedan after Rocky Mount church shooting",
        "WRAL",
        None,
        [
            "Rocky Mount police are searching for the driver of a dark sedan after Kevin Barbee, "
            "34, was shot in the parking lot of Word Tabernacle Church on Sunset Avenue.",
            "Barbee was treated at Nash General Hospital. Sgt. Anne Whitley said officers "
            "were called to the church at about 9 p.m. Sunday.",
            "Anyone with information is asked to call the Rocky Mount Police Department.",
        ],
    ),
]
BRIDGE = (
    "Portland harbour bridge reopens after eight months of repairs",
    "Oregon Daily",
    "PORTLAND, Ore.",
    [
        "The Morrison Bridge reopened to traffic on Monday after eight months of deck repairs, "
        "the Multnomah County transportation office said.",
        "Commuters had used the Hawthorne Bridge while crews replaced the steel grating and "
        "repainted the towers, at a cost of 14 million dollars.",
        "County engineer Lisa Tran said the work should last another forty years.",
    ],
)


def store_report(title, site, place, paragraphs, seen_at, credit=None):
    article = Extracted(
        title=title, paragraphs=paragraphs, site_name=site, dateline_place=place, credit=credit
    )
    result = store_article(article, origin=f"test:{site}:{title}", seen_at=seen_at)
    assert result.status == "imported", result.reason
    return Article.objects.get(key=result.key)
