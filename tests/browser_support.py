"""Start and stop the servers and the browser the browser tests drive.

Each server is a child process in its own session (process group) on 127.0.0.1 with a free
port; ``stop()`` ends that group (SIGTERM, then SIGKILL) so the kernels it started go too.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "artifacts" / "screenshots"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A server process we started; ``url`` is where it serves. Use as a context manager."""

    def __init__(self, cmd: list[str], port: int, url: str, cwd: Path, env: dict | None = None, log: Path | None = None,
                 ready_path: str | None = None):
        self.cmd, self.port, self.url, self.cwd, self.ready_path = cmd, port, url, cwd, ready_path
        self.env = {**os.environ, **(env or {})}
        self.log_path = log or cwd / "server.log"
        self.process: subprocess.Popen | None = None
        self._log = None

    def start(self, timeout: float = 60.0) -> "Server":
        """Start and wait until the port accepts connections (or ``ready_path`` answers 200)."""
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen(self.cmd, cwd=self.cwd, env=self.env, stdout=self._log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}:\n{self.log()[-3000:]}")
            if self._ready(self.ready_path):
                return self
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"server not ready on port {self.port} after {timeout:.0f}s:\n{self.log()[-3000:]}")

    def _ready(self, ready_path: str | None) -> bool:
        try:
            if ready_path is None:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return True
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{ready_path}", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False

    def log(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            pgid = os.getpgid(self.process.pid)
            os.killpg(pgid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(pgid, signal.SIGKILL)
                self.process.wait(timeout=5)
        if self._log is not None:
            self._log.close()

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def workshop_server(workdir: Path, notebook: Path | None = None) -> Server:
    """``okrcoach workshop`` (Voilà) on a free port, through the command itself."""
    port = free_port()
    cmd = [sys.executable, "-m", "okrcoach.widgets.workshop", "--port", str(port), "--no-browser"]
    if notebook is not None:
        cmd += ["--notebook", str(notebook)]
    return Server(cmd, port, f"http://127.0.0.1:{port}/", workdir, log=workdir / "voila.log")


def jupyterlab_server(root: Path, workdir: Path, token: str = "okrcoach-test") -> Server:
    """JupyterLab as root (``--allow-root``) with a token, no browser, its own settings with the news toast off."""
    port = free_port()
    settings = workdir / "lab-settings"
    notification = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notification.parent.mkdir(parents=True, exist_ok=True)
    notification.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8")
    workspaces = workdir / "lab-workspaces"
    workspaces.mkdir(exist_ok=True)
    runtime = workdir / "runtime"
    runtime.mkdir(exist_ok=True)
    cmd = [sys.executable, "-m", "jupyterlab", "--allow-root", "--no-browser", "--ServerApp.open_browser=False",
           "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
           f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={workspaces}"]
    env = {"JUPYTERLAB_SETTINGS_DIR": str(settings), "JUPYTERLAB_WORKSPACES_DIR": str(workspaces),
           "JUPYTER_RUNTIME_DIR": str(runtime)}
    return Server(cmd, port, f"http://127.0.0.1:{port}/lab?token={token}", workdir, env, log=workdir / "lab.log",
                  ready_path="/api")


def launch_chromium(playwright, user_data_dir: Path, width: int = 1280, height: int = 900):
    """Debian's Chromium through Playwright (never ``playwright install``), a fresh profile, no network extras."""
    return playwright.chromium.launch_persistent_context(
        str(user_data_dir), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS,
        viewport={"width": width, "height": height}, locale="zh-CN", device_scale_factor=1)
