"""A Chroma server as the vector store: where it is, how we authenticate, how we check it.

Settings (each also documented in the README's Configuration table):

- ``CONVOSCOPE_CHROMA_URL`` (``--chroma-url``): ``http://host:8000`` or ``https://…``.
- ``CONVOSCOPE_CHROMA_TOKEN``: sent as ``Authorization: Bearer <token>``
  (``CONVOSCOPE_CHROMA_TOKEN_HEADER=X-Chroma-Token`` sends the bare token in that header).
- ``CONVOSCOPE_CHROMA_HEADERS``: more headers, a JSON object or ``Name: value; Name: value``.
- ``CONVOSCOPE_CHROMA_SSL_VERIFY``: ``true`` (default), ``false``, or a CA bundle file.
- ``CONVOSCOPE_CHROMA_TENANT`` / ``CONVOSCOPE_CHROMA_DATABASE``: Chroma's defaults unless set.
- ``CONVOSCOPE_CHROMA_TIMEOUT``: seconds the startup check waits for the server (default 10).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from convoscope import settings
from convoscope.errors import StoreError

START_FIX = ("start it (`chroma run --path DIR --host HOST --port PORT`) "
             "or unset CONVOSCOPE_CHROMA_URL for the embedded store")


def _headers() -> dict[str, str]:
    config = settings.current()
    headers: dict[str, str] = {}
    raw = (config.chroma_headers or "").strip()
    if raw.startswith("{"):
        try:
            parsed = json.loads(raw)
        except json.JSONDecodeError as err:
            raise StoreError(f"CONVOSCOPE_CHROMA_HEADERS is not valid JSON ({err.msg})",
                             'write it as {"Name": "value"} or Name: value; Name: value') from err
        headers.update({str(k): str(v) for k, v in parsed.items()})
    elif raw:
        for part in raw.split(";"):
            name, sep, value = part.partition(":")
            if not sep or not name.strip():
                raise StoreError(f"CONVOSCOPE_CHROMA_HEADERS has no 'Name: value' in {part.strip()!r}",
                                 'write it as {"Name": "value"} or Name: value; Name: value')
            headers[name.strip()] = value.strip()
    token = config.chroma_token
    if token:
        header = config.chroma_token_header or "Authorization"
        headers[header] = f"Bearer {token}" if header.lower() == "authorization" else token
    return headers


def _ssl_verify() -> bool | str:
    raw = (settings.current().chroma_ssl_verify or "true").strip()
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    if not Path(raw).expanduser().is_file():
        raise StoreError(f"CONVOSCOPE_CHROMA_SSL_VERIFY names no file: {raw}",
                         "set it to true, false, or the path of a CA bundle (PEM)")
    return str(Path(raw).expanduser())


@dataclass(frozen=True)
class ChromaServer:
    """Where a Chroma server is and how to talk to it; secrets never appear in ``str()``."""

    url: str
    headers: dict[str, str] = field(default_factory=dict, repr=False)
    verify: bool | str = True
    tenant: str | None = None
    database: str | None = None
    timeout: float = 10.0

    @classmethod
    def from_env(cls, url: str) -> ChromaServer:
        url = url.strip().rstrip("/")
        if "://" not in url:
            url = f"http://{url}"
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise StoreError(f"the Chroma URL {url!r} is not an http(s) URL", "write it as http://host:8000")
        try:
            timeout = settings.current().chroma_timeout
        except settings.SettingError as err:
            raise StoreError("CONVOSCOPE_CHROMA_TIMEOUT is not a number of seconds", "set it to e.g. 10") from err
        return cls(url=url, headers=_headers(), verify=_ssl_verify(),
                   tenant=settings.current().chroma_tenant or None,
                   database=settings.current().chroma_database or None, timeout=timeout)

    @property
    def host(self) -> str:
        return urlparse(self.url).hostname or "localhost"

    @property
    def ssl(self) -> bool:
        return urlparse(self.url).scheme == "https"

    @property
    def port(self) -> int:
        return urlparse(self.url).port or (443 if self.ssl else 8000)

    def __str__(self) -> str:
        return self.url

    def check(self) -> None:
        """One heartbeat with a timeout, so a wrong URL, a server that is down, a TLS or an
        auth problem is one clear line at startup rather than a hang or a traceback later."""
        import httpx

        try:
            response = httpx.get(f"{self.url}/api/v2/heartbeat", headers=self.headers, verify=self.verify,
                                 timeout=self.timeout)
        except httpx.TimeoutException as err:
            raise StoreError(f"the Chroma server at {self.url} did not answer within {self.timeout:g} s",
                             f"check the URL and that the server runs; {START_FIX}") from err
        except httpx.HTTPError as err:
            reason = str(err).splitlines()[0] if str(err) else err.__class__.__name__
            if "CERTIFICATE" in reason.upper() or "SSL" in reason.upper():
                raise StoreError(f"TLS to the Chroma server at {self.url} failed ({reason})",
                                 "set CONVOSCOPE_CHROMA_SSL_VERIFY to its CA bundle "
                                 "(or false on a trusted network)") from err
            raise StoreError(f"cannot reach the Chroma server at {self.url} ({reason})", START_FIX) from err
        if response.status_code in (401, 403):
            raise StoreError(f"the Chroma server at {self.url} refused our credentials (HTTP {response.status_code})",
                             "set CONVOSCOPE_CHROMA_TOKEN (or CONVOSCOPE_CHROMA_HEADERS) to what the server expects")
        if response.status_code != 200:
            raise StoreError(f"{self.url} does not answer as a Chroma server "
                             f"(HTTP {response.status_code} on its heartbeat)",
                             "check CONVOSCOPE_CHROMA_URL: it should be the server's base URL, e.g. http://host:8000")

    def client(self, settings):
        """Chroma's ``HttpClient`` with our headers and TLS settings."""
        import chromadb

        settings.chroma_server_ssl_verify = self.verify
        kwargs = {}
        if self.tenant:
            kwargs["tenant"] = self.tenant
        if self.database:
            kwargs["database"] = self.database
        return chromadb.HttpClient(host=self.host, port=self.port, ssl=self.ssl, headers=self.headers or None,
                                   settings=settings, **kwargs)
