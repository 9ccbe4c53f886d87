"""One address per article: URL canonicalisation and the page's own `<link rel=canonical>`.

`canonicalize` makes the spellings of one URL equal (case of scheme and host, default ports,
fragments, tracking parameters, parameter order). `preferred_url` then takes the page's
canonical link when it points into the same registrable site (the public-suffix "eTLD+1",
so www.example.co.uk and m.example.co.uk agree): a page may name its own main address, but
not another site's, or any page could claim to be someone else's article and make the real
one look "already present". A cross-site canonical is returned by `canonical_link` for the
trace stage to weigh as evidence, never as identity.

`web_url` is the gate every address from outside passes (a feed's links, a page's canonical
link, a WARC record's target, a feed to follow): an absolute http(s) URL whose host is a valid
name or IP literal and whose port is a port. Anything else is no address we fetch or link to.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree, html
from tld import get_fld

# Query parameters that only say who sent the reader, never which article it is.
TRACKING_PREFIXES = ("utm_", "ga_", "pk_", "mtm_", "hsa_", "at_", "ns_", "oly_", "vero_")
TRACKING_PARAMS = frozenset(
    """fbclid gclid gclsrc dclid gbraid wbraid msclkid yclid twclid ttclid li_fat_id
    mc_cid mc_eid igshid igsh ref_src ref_url _ga _gl _hsenc _hsmi mkt_tok s_cid
    cmpid icid ocid smid sr_share wt_mc wt.mc_id __twitter_impression spm ito""".split()
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Hyphens anywhere: blog hosts have given out subdomains that end in one ("foo-.blogspot.com").
_LABEL = re.compile(r"[a-z0-9_-]{1,63}")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")  # and the space: none belongs in a URL's host
_STRIPPED = str.maketrans("", "", "\t\n\r")  # what browsers drop from a URL (WHATWG)
_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)


def web_url(url: str | None, credentials: bool = False) -> str | None:
    """`url` stripped, if it is an absolute http(s) URL with a valid host name (or IP literal)
    and port, no control characters, and no user name or password unless `credentials` (a
    private feed's address may carry them; a link shown to readers may not:
    "http://bank.example@evil.example/"); else None."""
    url = (url or "").strip().translate(_STRIPPED)
    if not url or any(ord(c) < 32 or ord(c) == 127 for c in url):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # a broken IPv6 literal, a port that is no number or out of range
        return None
    if parts.scheme.lower() not in _DEFAULT_PORTS or port == 0:
        return None
    if not credentials and (parts.username is not None or parts.password is not None):
        return None
    host = parts.hostname
    return url if host and _valid_host(host) and not _CONTROL.search(parts.netloc) else None


def without_credentials(url: str) -> str:
    """`url` without a user name and password (a private feed's), for reading links against."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.username is None and parts.password is None:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def _valid_host(host: str) -> bool:
    if ":" in host:
        try:
            ipaddress.IPv6Address(host.split("%")[0])
        except ValueError:
            return False
        return True
    try:
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        return False
    labels = ascii_host.rstrip(".").split(".")
    if len(ascii_host) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        return False
    return all(_punycode(label[4:]) for label in labels if label.startswith("xn--"))


def _punycode(encoded: str) -> bool:
    """Punycode that decodes to something. Not Python's "idna" codec: it follows IDNA 2003 and
    refuses today's names with ß, a final ς or a joiner (xn--strae-oqa.de is straße.de)."""
    try:
        return bool(encoded.encode("ascii").decode("punycode"))
    except UnicodeError:
        return False


def is_tracking(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def canonicalize(url: str) -> str:
    """The one spelling of `url` we store and compare; unparseable input comes back stripped."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if not scheme or not host:
        return url
    if ":" in host:
        host = f"[{host}]"  # IPv6 literal
    if port and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    if parts.username:
        userinfo = parts.username + (f":{parts.password}" if parts.password else "")
        host = f"{userinfo}@{host}"
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking(k)
    ]
    return urlunsplit((scheme, host, parts.path or "/", urlencode(sorted(query)), ""))


def registrable_domain(url: str) -> str | None:
    """eTLD+1 of the URL's host (news.bbc.co.uk -> bbc.co.uk); None for IPs or unknown TLDs."""
    try:
        return get_fld(url, fail_silently=True)
    except ValueError:  # tld raises on some malformed URLs despite fail_silently
        return None


def same_site(a: str, b: str) -> bool:
    """Both URLs on one registrable site; hosts without a public suffix must match exactly."""
    site_a, site_b = registrable_domain(a), registrable_domain(b)
    if site_a and site_b:
        return site_a == site_b
    return (urlsplit(a).hostname or "").lower() == (urlsplit(b).hostname or "").lower()


def canonical_link(page: bytes | str, base_url: str) -> str | None:
    """The absolute http(s) URL of the page's `<link rel="canonical">`, if it has one."""
    if isinstance(page, str):
        page = page.encode("utf-8", "replace")
    match = _HEAD_END.search(page)
    head = page[: match.end()] if match else page[:200_000]
    if not head.strip():
        return None
    try:
        document = html.fromstring(head)
    except (etree.ParserError, ValueError):
        return None
    for link in document.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if "canonical" in rel and href:
            absolute = urljoin(base_url, href)
            return absolute if urlsplit(absolute).scheme in ("http", "https") else None
    return None


def preferred_url(page_url: str, page: bytes | str | None = None) -> str:
    """The page's canonical URL when it is on the same site, else its own; canonicalised."""
    canonical = canonical_link(page, page_url) if page else None
    if canonical and same_site(canonical, page_url):
        return canonicalize(canonical)
    return canonicalize(page_url)
