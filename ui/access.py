"""Who may use the app: a team password, checked before any page reads the store.

The password comes from ``CONVOSCOPE_APP_PASSWORD`` (plain) or ``CONVOSCOPE_APP_PASSWORD_HASH``
(``pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>``, made by ``python -m ui.access``), or
from Streamlit secrets (``.streamlit/secrets.toml``: ``[convoscope]`` with ``password`` or
``password_hash``). With none set the app is open, which is what a laptop on 127.0.0.1 wants;
``convoscope ui --address`` refuses a non-loopback address without one.
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import secrets
import sys
import tomllib
from pathlib import Path

from convoscope import settings

SCHEME = "pbkdf2_sha256"
ITERATIONS = 600_000
SECRETS_FILES = (Path(".streamlit/secrets.toml"), Path("~/.streamlit/secrets.toml").expanduser())
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def hash_password(password: str, iterations: int = ITERATIONS, salt: bytes | None = None) -> str:
    """``pbkdf2_sha256$iterations$salt$hash`` for ``CONVOSCOPE_APP_PASSWORD_HASH``."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    return f"{SCHEME}${iterations}${salt.hex()}${digest.hex()}"


def verify(given: str, password: str | None = None, password_hash: str | None = None) -> bool:
    """Whether ``given`` is the password; constant-time comparisons only."""
    if password_hash:
        try:
            scheme, iterations, salt, expected = password_hash.split("$")
            if scheme != SCHEME:
                return False
            digest = hashlib.pbkdf2_hmac("sha256", given.encode(), bytes.fromhex(salt), int(iterations))
        except ValueError:
            return False
        return hmac.compare_digest(digest.hex(), expected.lower())
    if password:
        return hmac.compare_digest(given.encode(), password.encode())
    return False


def configured(secrets_section: dict | None = None) -> tuple[str | None, str | None]:
    """``(password, password_hash)`` from the environment, else the given secrets section,
    else the default Streamlit secrets files; ``(None, None)`` when no password is set."""
    config = settings.current()
    password = config.app_password or None
    password_hash = config.app_password_hash or None
    if password or password_hash:
        return password, password_hash
    if secrets_section is None:
        secrets_section = {}
        for path in SECRETS_FILES:
            try:
                secrets_section = tomllib.loads(path.read_text()).get("convoscope", {})
            except (OSError, tomllib.TOMLDecodeError):
                continue
            if secrets_section:
                break
    return secrets_section.get("password") or None, secrets_section.get("password_hash") or None


def _streamlit_secrets() -> dict | None:
    import streamlit as st

    try:
        return dict(st.secrets.get("convoscope", {}))
    except Exception:  # noqa: BLE001 — no secrets file: Streamlit raises its own not-found error
        return None


def require_login() -> None:
    """Show a password form and stop the page until the right password is given; nothing of
    the store is read before this returns."""
    import streamlit as st

    password, password_hash = configured(_streamlit_secrets())
    if not (password or password_hash) or st.session_state.get("convoscope_authenticated"):
        if password or password_hash:
            if st.sidebar.button("Log out", key="logout"):
                st.session_state.pop("convoscope_authenticated", None)
                st.rerun()
        return
    st.title("Convoscope")
    with st.form("login"):
        given = st.text_input("Password", type="password", key="login-password")
        submitted = st.form_submit_button("Log in")
    if submitted:
        if verify(given, password, password_hash):
            st.session_state["convoscope_authenticated"] = True
            st.session_state.pop("login-password", None)
            st.rerun()
        st.error("Wrong password.")
    st.stop()


def main() -> None:
    """``python -m ui.access``: read a password (twice) and print its hash."""
    first = getpass.getpass("password: ")
    if not first or first != getpass.getpass("again: "):
        sys.exit("the passwords are empty or differ")
    print(hash_password(first))


if __name__ == "__main__":
    main()
