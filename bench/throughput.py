"""Register throughput under load, beside the framework's own limit measured in the same run.

Serves the project with gunicorn (DEBUG off, the database of DATABASE_URL) and the bare reference page of
`bench/reference_app.py` with the same number of workers, then loads each URL with wrk in alternating rounds
(project, reference, project, ...) and prints requests per second, latency, errors and time-outs of both and their
ratio. Only the loopback address is ever loaded; every round is bounded by its duration.

    apt-get install wrk
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/microcred_bench .venv/bin/python bench/throughput.py
    (REDIS_URL defaults to redis://127.0.0.1:6379/3, emptied at the start: the web processes share it)
    .venv/bin/python bench/throughput.py --connections 64 --duration 60 --rounds 1
"""

import argparse
import contextlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
DEFAULT_URLS = [
    "/register/?country=IE",
    "/register/",
    "/register/?q=cloud+security",
    "/api/v1/entries/?country=IE",
    "/api/v1/providers/",
]


def serve(args: list[str], port: int, workers: int, env: dict, cwd: Path) -> subprocess.Popen:
    command = [str(GUNICORN), *args, "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--log-level", "error"]
    return subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL)


def wait_until_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
                if response.status < 500:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds} s")


def load(url: str, connections: int, duration: int) -> dict:
    """One wrk round: requests per second, median and 99th percentile latency, non-2xx answers, time-outs."""
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    figures = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}
    for name, label in (("p50", "50%"), ("p99", "99%")):
        match = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        value, unit = float(match.group(1)), match.group(2)
        figures[name] = value * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    figures["non_2xx"] = int(errors.group(1)) if errors else 0
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    figures["errors"] = sum(int(n) for n in socket.groups()[:3]) if socket else 0
    figures["timeouts"] = int(socket.group(4)) if socket else 0
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="*", default=DEFAULT_URLS)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration", type=int, default=10, help="seconds per round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per URL and server, alternating")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8711)
    options = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")

    project_port, reference_port = options.port, options.port + 1
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-" + "k" * 50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{project_port}",
        # The benchmark measures serving, not the rate limits that would answer most of its requests with 429.
        "RATELIMIT_ENABLE": os.environ.get("RATELIMIT_ENABLE", "false"),
        # DRF's throttles off as well (an empty rate): with a huge rate each request rewrote a list of every
        # request of the last minute, and the "user" rate (600/minute) answered anonymous load with 429.
        "API_ANON_RATE": os.environ.get("API_ANON_RATE", ""),
        "API_USER_RATE": os.environ.get("API_USER_RATE", ""),
        # As in production, the web processes share one cache (pages, counts, the register's version).
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/3"),
    }
    redis.Redis.from_url(env["REDIS_URL"]).flushdb()  # every run starts from an empty cache
    servers = [
        serve(["config.wsgi:application"], project_port, options.workers, env, ROOT),
        serve(["reference_app:application"], reference_port, options.workers, env, ROOT / "bench"),
    ]
    try:
        wait_until_up(f"http://127.0.0.1:{project_port}/healthz")
        wait_until_up(f"http://127.0.0.1:{reference_port}/")
        print(
            f"wrk -t2 -c{options.connections} -d{options.duration}s, {options.rounds} alternating rounds each, "
            f"gunicorn --workers {options.workers} for both"
        )
        print("| URL | project req/s | project p50 / p99 (ms) | reference req/s | ratio | errors, time-outs |")
        print("|---|---:|---:|---:|---:|---:|")
        for path in options.urls:
            project_url, reference_url = f"http://127.0.0.1:{project_port}{path}", f"http://127.0.0.1:{reference_port}/"
            # A first request of a search also asks for its counts, as its page does in a browser.
            for warm in (project_url, project_url.replace("/register/", "/register/counts/", 1), project_url):
                with contextlib.suppress(OSError):  # a URL without counts: the rounds say what matters
                    urllib.request.urlopen(warm, timeout=30).read()  # noqa: S310 - loopback only
            project, reference = [], []
            for _ in range(options.rounds):
                project.append(load(project_url, options.connections, options.duration))
                reference.append(load(reference_url, options.connections, options.duration))
            rps = statistics.median(r["rps"] for r in project)
            reference_rps = statistics.median(r["rps"] for r in reference)
            p50 = statistics.median(r["p50"] for r in project)
            p99 = statistics.median(r["p99"] for r in project)
            failures = sum(r["non_2xx"] + r["errors"] for r in project)
            timeouts = sum(r["timeouts"] for r in project)
            print(
                f"| `{path}` | {rps:,.0f} ({min(r['rps'] for r in project):,.0f}-{max(r['rps'] for r in project):,.0f})"
                f" | {p50:.1f} / {p99:.1f} | {reference_rps:,.0f} | {rps / reference_rps:.2f} | {failures}, {timeouts} |"
            )
            sys.stdout.flush()
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
