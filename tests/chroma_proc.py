"""A real ``chroma run`` server on 127.0.0.1 for tests: started, waited for, stopped, restarted."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ChromaProcess:
    """``chroma run --path DIR`` (the CLI shipped with the chromadb package in this venv)."""

    def __init__(self, path: Path, port: int | None = None) -> None:
        self.path = path
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = path.parent / f"{path.name}-server.log"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> ChromaProcess:
        chroma = Path(sys.executable).parent / "chroma"
        env = dict(os.environ, ANONYMIZED_TELEMETRY="False")
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [str(chroma), "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
                stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"chroma run exited ({self.process.returncode}); see {self.log}")
            try:
                if httpx.get(f"{self.url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"chroma run did not answer its heartbeat within {timeout} s; see {self.log}")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, sig)  # its own session: the Python wrapper and the server
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=20)
