"""``okrcoach workshop``: the coach panel as a web app (Voilà) for participants who do not write code.

Voilà runs the bundled notebook ``okrcoach/data/workshop_app.ipynb`` (or ``--notebook``) on
127.0.0.1 and shows only its outputs: the bilingual intro and the :class:`CoachPanel`.
Voilà is optional (``pip install "okrcoach[notebook]"``); without it the command says so in one line.
"""
from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import time
import webbrowser
from pathlib import Path

import click

WORKSHOP_NOTEBOOK = Path(__file__).parent.parent / "data" / "workshop_app.ipynb"


class WorkshopError(click.ClickException):
    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"okrcoach: {self.format_message()}", err=True)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def voila_command(notebook: Path, port: int, host: str = "127.0.0.1") -> list[str]:
    """The Voilà command line for ``notebook`` (no browser, no port hopping, so the printed URL is right)."""
    return [sys.executable, "-m", "voila", str(notebook), f"--port={port}", f"--Voila.ip={host}",
            "--Voila.port_retries=0", "--no-browser", "--VoilaConfiguration.show_tracebacks=False"]


def wait_until_serving(host: str, port: int, process: subprocess.Popen | None = None, timeout: float = 60.0) -> bool:
    """Wait until ``host:port`` accepts connections (True), the process exits or the timeout passes (False).

    A TCP connect, not a GET: a GET of Voilà's page would start a kernel and run the notebook.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        try:
            with socket.create_connection((host, port), timeout=1):
                return True
        except OSError:
            time.sleep(0.2)
    return False


@click.command("workshop")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default="a free port",
              help="Port to serve on (127.0.0.1 only).")
@click.option("--no-browser", is_flag=True, help="Do not open a web browser; just print the URL.")
@click.option("--notebook", "notebook", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Serve this notebook instead of the bundled coach-panel app.")
def workshop_command(port: int, no_browser: bool, notebook: Path | None) -> None:
    """Serve the coach panel as a web app for a workshop (needs Voilà)."""
    if importlib.util.find_spec("voila") is None:
        raise WorkshopError('the workshop app needs Voilà, which is not installed; run: pip install "okrcoach[notebook]"')
    notebook = (notebook or WORKSHOP_NOTEBOOK).resolve()
    if not notebook.is_file():
        raise WorkshopError(f"{notebook}: no such notebook")
    if notebook.suffix != ".ipynb":
        raise WorkshopError(f"{notebook}: not a Jupyter notebook (.ipynb)")
    port = port or free_port()
    url = f"http://127.0.0.1:{port}/"
    click.echo(f"Starting the okrcoach workshop app (Voilà) for {notebook.name} …", err=True)
    process = subprocess.Popen(voila_command(notebook, port), cwd=str(notebook.parent))
    try:
        if not wait_until_serving("127.0.0.1", port, process):
            code = process.poll()
            raise WorkshopError(f"Voilà did not start on {url} (exit code {code}); is the port in use?")
        click.echo(f"Workshop app: {url}  (Ctrl+C to stop)")
        if not no_browser:
            webbrowser.open(url)
        process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":  # python -m okrcoach.widgets.workshop
    workshop_command()
