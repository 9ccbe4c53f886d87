"""Every fault of the fixture publisher ends in the exact error (or behaviour) we promise."""

from __future__ import annotations

import pytest

from tests.gather.fault_matrix import CASES, HOST, FaultCase, run_case
from tests.gather.publisher import Publisher


@pytest.fixture(scope="module")
def faulty():
    with Publisher() as pub:
        pub.add_site(HOST, n_articles=3)
        pub.route(HOST, "/news/1-page", b"<html><body><p>fine</p></body></html>")
        yield pub


@pytest.mark.parametrize("case", CASES, ids=[f"{c.fault}-{i}" for i, c in enumerate(CASES)])
def test_fault(faulty: Publisher, case: FaultCase):
    outcome = run_case(faulty, case)
    assert outcome.kind == case.kind, outcome.text
    assert case.message in outcome.text
    assert outcome.requests == case.attempts
    if case.kind is None or case.kind == "http":
        assert outcome.attempts == case.attempts
