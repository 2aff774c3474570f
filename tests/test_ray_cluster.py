"""`storyline build --address`: the Ray engine on a separately started Ray cluster (one head node
started with `ray start --head`, as on a real cluster), compared with the default path.

The head runs in its own process group with its own temp folder and ports, so it never touches
another Ray on the machine; the test stops it by signalling that group.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES_DIR

from storyline.export import export_document
from storyline.pipeline import build
from storyline.store import Store

CLI = [sys.executable, "-c", "from storyline.cli import main; main()"]
DEMO_DIR = EXAMPLES_DIR / "us-japan-trade"
START_TIMEOUT_S = 90


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _ray_command() -> str:
    ray = Path(sys.executable).with_name("ray")
    if not ray.exists():
        pytest.skip("the ray command is not installed (pip install 'storyline[ray]')")
    return str(ray)


@pytest.fixture(scope="module")
def ray_head() -> Iterator[str]:
    """A Ray head node in its own process group; yields its address."""
    pytest.importorskip("ray.data")
    temp = tempfile.mkdtemp(prefix="rh", dir="/tmp")  # short: Ray's socket paths must fit 107 bytes
    port = _free_port()
    command = [
        _ray_command(), "start", "--head", "--block", f"--port={port}", "--node-ip-address=127.0.0.1",
        "--num-cpus=3", "--include-dashboard=false", "--disable-usage-stats", f"--temp-dir={temp}",
        f"--dashboard-agent-listen-port={_free_port()}",
        f"--metrics-export-port={_free_port()}", f"--runtime-env-agent-port={_free_port()}",
        f"--dashboard-agent-grpc-port={_free_port()}",
    ]
    environment = {**os.environ, "RAY_AUTH_MODE": "disabled"}  # a cluster without token auth
    head = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, env=environment)
    address = f"127.0.0.1:{port}"
    try:
        _wait_until_listening(head, port)
        yield address
    finally:
        _stop_group(head)
        shutil.rmtree(temp, ignore_errors=True)


def _wait_until_listening(head: subprocess.Popen[str], port: int) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if head.poll() is not None:
            raise RuntimeError(f"ray start exited with {head.returncode}: {head.stderr.read() if head.stderr else ''}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                time.sleep(2)  # the GCS listens before the raylet has registered
                return
        time.sleep(0.5)
    raise RuntimeError("the Ray head did not start in time")


def _stop_group(head: subprocess.Popen[str]) -> None:
    for sig, wait_s in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        try:
            os.killpg(head.pid, sig)
        except ProcessLookupError:
            return
        try:
            head.wait(timeout=wait_s)
        except subprocess.TimeoutExpired:
            continue


def test_build_on_a_started_cluster_matches_the_default_path(
    ray_head: str, tmp_path: Path, store_locations: Any,
) -> None:
    with Store(tmp_path / "local.db") as store:
        build([str(DEMO_DIR)], store)
        expected = export_document(store)
    db = str(store_locations.new(tmp_path, "cluster.db"))  # PostgreSQL when the suite runs on it
    done = subprocess.run(
        [*CLI, "build", str(DEMO_DIR), "--db", db, "--address", ray_head, "--workers", "2", "-q"],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    with Store(db) as store:
        assert export_document(store) == expected
    again = subprocess.run(
        [*CLI, "build", str(DEMO_DIR), "--db", db, "--address", ray_head, "-q"],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert again.returncode == 0, again.stderr[-3000:]
    with Store(db) as store:
        assert export_document(store) == expected
