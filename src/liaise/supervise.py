"""Runs the servers ``liaise serve`` prepared and stops them together. It imports nothing of Django, so the
process that watches costs a few megabytes: ``liaise serve`` does the preparation (migrations, demo, static
files) and then replaces itself with ``python -m liaise.supervise '<JSON list of command lines>'``."""

import json
import resource
import signal
import subprocess
import sys
import time


def supervise(commands: list[list[str]]) -> int:
    """Start every command; when one stops, or on SIGTERM/SIGINT, stop the others. Returns the exit status."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:  # every open stream is a socket
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    children = [subprocess.Popen(command) for command in commands]  # noqa: S603 - our own argv
    stopping = []

    def stop(signum, _frame):
        stopping.append(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.2)
    finally:
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 15
        for child in children:
            try:
                child.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                child.kill()
    failed = [child.returncode for child in children if child.returncode not in (0, -signal.SIGTERM, None)]
    return 0 if stopping or not failed else failed[0]


if __name__ == "__main__":
    sys.exit(supervise(json.loads(sys.argv[1])))
