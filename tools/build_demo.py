"""Build the bundled demo corpus from the SemEval-2015 TimeLine Wikinews articles (CC BY 2.5).

Usage: python tools/build_demo.py [../shared/datasets/semeval2015-timeline-wikinews]
Writes dateline/demo/wikinews/<doc_id>.html: one plain HTML page per article, with the
headline, date, text and the attribution the licence asks for. The text is unchanged.
"""

from __future__ import annotations

import gzip
import html
import json
import sys
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "datasets" / "semeval2015-timeline-wikinews"
OUT = ROOT / "dateline" / "demo" / "wikinews"

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} - Wikinews, the free news source</title>
<link rel="canonical" href="{url}">
<meta property="og:site_name" content="Wikinews">
<meta property="og:title" content="{title}">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="{date}">
<meta name="author" content="Wikinews contributors">
</head>
<body>
<article>
<h1>{title}</h1>
<p><time datetime="{date}">{date_line}</time></p>
{paragraphs}
</article>
<footer><p>From Wikinews, by Wikinews contributors, licensed under
<a href="https://creativecommons.org/licenses/by/2.5/">CC BY 2.5</a>.</p></footer>
</body>
</html>
"""


def build(source: Path) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    count = 0
    with gzip.open(
        source / "semeval2015_timeline_wikinews_docs.jsonl.gz", "rt", encoding="utf-8"
    ) as lines:
        for line in lines:
            doc = json.loads(line)
            text_lines = [t.strip() for t in doc["text"].split("\n") if t.strip()]
            if text_lines and text_lines[0] == doc["title"]:
                text_lines = text_lines[1:]
            date_line = (
                text_lines.pop(0) if text_lines and _looks_like_date(text_lines[0]) else doc["date"]
            )
            url = "https://en.wikinews.org/wiki/" + quote(doc["title"].replace(" ", "_"))
            page = PAGE.format(
                title=html.escape(doc["title"]),
                url=html.escape(url),
                date=doc["date"],
                date_line=html.escape(date_line),
                paragraphs="\n".join(f"<p>{html.escape(t, quote=False)}</p>" for t in text_lines),
            )
            (OUT / f"{doc['doc_id']}.html").write_text(page, encoding="utf-8")
            count += 1
    return count


def _looks_like_date(line: str) -> bool:
    return len(line) < 40 and any(ch.isdigit() for ch in line) and line[-4:].isdigit()


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE), "pages written to", OUT)
