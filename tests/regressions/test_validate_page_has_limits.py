"""/validate took a 41.8 MB CSV and grew the server to 6.2 GB, with no time limit, and went on after the client
left. Uploads now have a size limit (--max-upload, 10 MB by default) and run in their own lane under the
server's time limit, cancelled when the client goes away."""

from __future__ import annotations

from jwc_graph.web.settings import DEFAULT_MAX_UPLOAD


def test_the_default_upload_limit_is_ten_megabytes_and_is_enforced(client):
    assert DEFAULT_MAX_UPLOAD == 10 * 2**20
    big = b"#" * (DEFAULT_MAX_UPLOAD + 1)
    page = client.post("/validate", files={"file": ("big.ttl", big, "text/turtle")})
    assert page.status_code == 413 and "over 10MB" in page.text
