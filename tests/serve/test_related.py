from dateline.group.terms import cosine, term_counts, tfidf, tokens
from dateline.serve.related import related
from dateline.trace.fingerprint import article_key, body_fingerprint


def vec(title, body, dfs=None, total=10):
    return tfidf(term_counts(title, body), dfs or {}, total)


AIRBUS = vec(
    "Airbus delays A380 deliveries",
    "Airbus said wiring problems delay the A380 superjumbo deliveries to airlines.",
)
AIRBUS2 = vec(
    "A380 superjumbo delayed again", "The Airbus A380 superjumbo faces another delay over wiring."
)
STOCKS = vec("Dow Jones falls", "Stock markets fell as the Dow Jones index dropped on bank losses.")


def test_tokens_drop_stopwords_numbers_and_possessives():
    assert tokens("The Airbus's 380 wings, and Boeing’s 787") == ["airbus", "wings", "boeing"]


def test_similar_articles_are_closer_than_unrelated_ones():
    assert cosine(AIRBUS, AIRBUS2) > 0.3 > cosine(AIRBUS, STOCKS)
    assert cosine(AIRBUS, AIRBUS) == 1.0 or abs(cosine(AIRBUS, AIRBUS) - 1.0) < 1e-9


def test_related_never_lists_the_article_itself_and_drops_weak_matches():
    picks = related(1, AIRBUS, [(1, AIRBUS), (2, AIRBUS2), (3, STOCKS)])
    assert [p.article_id for p in picks] == [2]
    assert "similar in content" in picks[0].reason


def test_fingerprint_ignores_spacing_case_and_punctuation_but_not_words():
    a = body_fingerprint("North Korea said Sunday…  “early date”.")
    assert a == body_fingerprint('north korea said sunday "early date"')
    assert a != body_fingerprint("South Korea said Sunday early date")
    key = article_key("excel-wealth-summit", a)
    assert len(key) == 12 and key == article_key("excel-wealth-summit", a)
    assert key != article_key("ap-news", a)  # the same text on another site is another page
