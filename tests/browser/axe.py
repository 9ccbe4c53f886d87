"""axe-core (Deque, MPL-2.0), injected into a page to check it for accessibility problems.

The rules are the npm package pinned in tests/browser/package.json, installed with
`npm ci --prefix tests/browser`; nothing is copied into the repository.
"""

from __future__ import annotations

from pathlib import Path

import pytest

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
FAILING = {"serious", "critical"}


def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci --prefix tests/browser` (make test does it)")
    return AXE.read_text()


def violations(page) -> list[dict]:
    """Serious and critical WCAG 2.x A/AA violations on the page as it is now.

    The page's context must bypass its Content-Security-Policy (`bypass_csp=True`): the policy
    rightly refuses injected scripts, and axe is one.
    """
    page.add_script_tag(content=axe_source())
    found = page.evaluate(
        """async () => {
          const result = await axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
          });
          return result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
          }));
        }"""
    )
    return [v for v in found if v["impact"] in FAILING]
