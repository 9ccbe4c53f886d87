"""The gather stage: from files, archives and the web to `RawPage`s.

Local sources: `files` (folders, .gz), `warc`. Text: `decode` (charsets, binary).
The web, one job a module:
- `fetch` the one way onto the network (retries, conditional GET, limits), built on
  `addresses` (which addresses are allowed), `pinning` (connect to the checked address),
  `bodies` (decompression under the size cap, binary sniffing) and `retry` (backoff,
  Retry-After);
- politeness: `robots` (robots.txt cache), `hosts` (per-host concurrency, interval, host down);
- sources: `feeds` (RSS/Atom/JSON Feed), `sitemaps`, `discover` (feed autodiscovery),
  `opml` and `sourcelist` (lists of feeds), with `safexml` for XML from strangers;
- identity: `urls` (canonical URLs, `<link rel=canonical>`).
"""
