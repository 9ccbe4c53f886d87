"""TLS through a pinned connection: the TCP connection goes to the checked address while SNI
and certificate verification still use the host name."""

import shutil
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from dateline.gather.pinning import PinnedBackend, PinnedTransport


@pytest.fixture
def tls_server(tmp_path):
    if not shutil.which("openssl"):
        pytest.skip("openssl command not found: cannot make a test certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=pinned.test",
         "-addext", "subjectAltName=DNS:pinned.test"],
        check=True, capture_output=True,
    )  # fmt: skip
    seen_sni: list[str | None] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = f"host={self.headers['Host']}".encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: seen_sni.append(name)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], cert, seen_sni
    server.shutdown()
    server.server_close()


def test_tls_keeps_the_host_name_for_sni_and_verification(tls_server):
    port, cert, seen_sni = tls_server
    backend = PinnedBackend()
    backend.pins["pinned.test"] = "127.0.0.1"
    client_context = ssl.create_default_context(cafile=str(cert))
    transport = PinnedTransport(backend, ssl_context=client_context)
    with httpx.Client(transport=transport) as client:
        response = client.get(f"https://pinned.test:{port}/")
    assert response.text == f"host=pinned.test:{port}"
    assert seen_sni == ["pinned.test"]


def test_a_certificate_for_another_name_is_rejected(tls_server):
    port, cert, _ = tls_server
    backend = PinnedBackend()
    backend.pins["other.test"] = "127.0.0.1"  # right address, wrong name
    transport = PinnedTransport(backend, ssl_context=ssl.create_default_context(cafile=str(cert)))
    with httpx.Client(transport=transport) as client, pytest.raises(httpx.ConnectError):
        client.get(f"https://other.test:{port}/")
