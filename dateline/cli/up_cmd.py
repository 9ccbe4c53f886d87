"""`dateline up`: everything one person needs, in one command.

Migrates, loads the default feeds, imports the bundled demo articles on first start (and any
PATHs given), then runs the web server (granian) and the feed worker until interrupted.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
from importlib import resources

from rich.console import Console

from dateline.cli.django_setup import setup_django
from dateline.cli.import_cmd import default_jobs, import_paths
from dateline.cli.server import server_command

DEMO_MARKER = "demo-imported"


def register(commands) -> None:
    parser = commands.add_parser(
        "up", help="set up, then serve the site and poll feeds (Ctrl-C stops)"
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="extra files or folders to import first"
    )
    parser.add_argument("--no-worker", action="store_true", help="do not poll feeds")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    console = Console()
    setup_django(migrate=True)
    from django.conf import settings
    from django.core.management import call_command

    from dateline.gather.sourcelist import SourceListError
    from dateline.store.following import follow_listed

    call_command("collectstatic", interactive=False, verbosity=0)
    try:
        listed = follow_listed()
    except SourceListError as exc:
        console.print(f"The feed list cannot be read: {exc}", markup=False, style="red")
        return 2
    if listed.added:
        console.print(f"Following {listed.added} default feeds (see /status).")
    for url, why in listed.skipped:
        console.print(f"Not following {url!r}: {why}", markup=False)
    marker = settings.DATA_DIR / DEMO_MARKER
    if not marker.exists():
        console.print("First start: importing the bundled Wikinews demo articles…")
        demo = resources.files("dateline") / "demo" / "wikinews"
        import_paths([str(demo)], console=console, quiet=True, jobs=default_jobs())
        marker.write_text("1\n")
    if args.paths:
        import_paths(args.paths, console=console, quiet=True, jobs=default_jobs())
    return _serve(settings.CONFIG, console, worker=not args.no_worker)


def _serve(config: dict, console: Console, worker: bool) -> int:
    command = server_command(
        config["host"], config["port"], config["web_workers"], config["web_threads"]
    )
    processes = [subprocess.Popen([*command, "--access-log"])]
    if worker:
        processes.append(subprocess.Popen([sys.executable, "-m", "dateline.cli.main", "worker"]))
    # Stopping `dateline up` (Ctrl-C or SIGTERM from a service manager) stops its children too.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    host = "localhost" if config["host"] in {"127.0.0.1", "0.0.0.0"} else config["host"]
    console.print(
        f"\nDateline is up: [bold]http://{host}:{config['port']}/[/bold]  (Ctrl-C stops)\n"
    )
    try:
        return processes[0].wait()
    except (KeyboardInterrupt, SystemExit):
        return 0
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            process.wait(timeout=30)
