"""Run the real `liaise` command for tests that need a running server: a clean environment, a data directory of
its own, and a `liaise serve` (gunicorn) that is always stopped, whatever happens."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

LIAISE = str(Path(sys.executable).with_name("liaise"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clean_env(data_dir: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIAISE_", "DATABASE_URL", "DJANGO_"))}
    env.update({"LIAISE_DATA_DIR": data_dir, "LIAISE_DEBUG": "1", "LIAISE_EMAIL": "file", **extra})
    return env


def liaise(env: dict[str, str], *args: str) -> str:
    """Run `liaise ARGS` to completion; returns its stdout (raises on failure)."""
    result = subprocess.run([LIAISE, *args], env=env, check=True, capture_output=True, text=True, timeout=180)
    return result.stdout


@contextlib.contextmanager
def temporary_data_dir(prefix: str):
    path = tempfile.mkdtemp(prefix=prefix)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def serve(env: dict[str, str], *args: str, ready_path: str = "/api/v1/topics", stream_port: int | None = None,
          ready_headers: dict[str, str] | None = None, start_seconds: int = 90):
    """`liaise serve ARGS` on a free loopback port (its live streams on ``stream_port``, or another free port);
    yields its base URL once it answers (``ready_headers``: sent with that first request, e.g. a proxy's
    X-Forwarded-Proto), and its stream server accepts connections (the two start apart). Production mode takes
    longer to start (``start_seconds``): collectstatic compresses every static file."""
    port = free_port()
    stream_port = stream_port or free_port()
    args = (*args, "--stream-port", str(stream_port))
    # A file, not a pipe: nobody reads it while the server runs, and it never fills. Closed in the finally below.
    log = tempfile.TemporaryFile()  # noqa: SIM115
    process = subprocess.Popen([LIAISE, "serve", "--port", str(port), *args], env=env, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + start_seconds
        while True:
            try:
                urllib.request.urlopen(urllib.request.Request(url + ready_path, headers=ready_headers or {}),
                                       timeout=2)
                socket.create_connection(("127.0.0.1", stream_port), timeout=2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    os.killpg(process.pid, signal.SIGKILL) if process.poll() is None else None
                    log.seek(0)
                    output = log.read().decode(errors="replace")
                    raise RuntimeError(f"liaise serve did not start:\n{output[-3000:]}") from None
                time.sleep(0.3)
        yield url
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        log.close()
