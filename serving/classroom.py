"""Serve a lecture hall: several tuned replicas behind nginx (`make classroom` runs this).

One Streamlit process runs every session's script under one interpreter lock, so one
process uses one core. Here ``REPLICAS`` copies of ``serve.py`` (default: one per core)
listen on private loopback ports, and Debian's nginx listens on ``HOST:PORT`` and
spreads the students over them:

* sticky: nginx gives each browser a random ``kl_replica`` cookie on its first request
  and routes by it (consistent hashing), so a browser's page, websocket and later
  requests all reach the same replica. A whole school behind one NAT address still
  spreads, which ``ip_hash`` would not do;
* every replica shares one ``server.cookieSecret`` (random per launch), so the XSRF
  cookie one replica sets is valid on the others;
* nginx passes ``Host`` and the websocket upgrade headers (without ``Host`` Streamlit
  refuses the websocket), sets TCP_NODELAY, and denies ``/_stcore/metrics``, which
  Streamlit serves unauthenticated;
* the frontend's content-hashed files under ``/static/`` are cached by nginx (each
  replica serves each file once) and sent gzip-compressed to browsers that accept it.

* a replica that dies (or grows past ``REPLICA_MEMORY_MB``, default 1536, and is
  stopped) is restarted at once, then with a growing delay if it keeps dying; nginx
  skips it meanwhile (1 s connect timeout, next upstream on error) and its students'
  reconnecting browsers land on a live replica. nginx is restarted if it stops;
* each client address may hold at most 512 connections (a classroom behind one NAT
  address needs about 60 x a few); responses name the replica by number, never by
  its private port.

``HOST`` defaults to 127.0.0.1 (this computer only); ``HOST=0.0.0.0 make classroom``
listens on the network. Ctrl-C (or SIGTERM) stops nginx and every replica.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from serving.server import free_port, wait_healthy

ROOT = Path(__file__).resolve().parents[1]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MAX_REPLICAS = 8
MAX_CONNECTIONS_PER_ADDRESS = 512
REPLICA_MEMORY_MB = 1536  # a replica above this resident size is killed and restarted
RESTART_DELAYS = (0.0, 0.5, 1.0, 2.0, 5.0)  # after each crash in a row; the last repeats
STABLE_SECS = 30.0  # a replica up this long has its crash count reset
SUPERVISE_SECS = 0.2  # how often replicas are checked

NGINX_CONF = """\
worker_processes 1;
{user}
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/temp/body;
    proxy_temp_path {prefix}/temp/proxy;
    fastcgi_temp_path {prefix}/temp/fastcgi;
    uwsgi_temp_path {prefix}/temp/uwsgi;
    scgi_temp_path {prefix}/temp/scgi;
    client_max_body_size 2m;
    tcp_nodelay on;

    # The frontend's files (~8 MB per first visit, 4.7 MB of it plotly) go out compressed:
    # over a classroom's shared Wi-Fi that is a third of the bytes. Streamlit itself sends
    # them uncompressed (compressing in Python costs each replica CPU).
    gzip on;
    gzip_proxied any;
    gzip_comp_level 5;
    gzip_min_length 1024;
    gzip_vary on;
    gzip_types text/css application/javascript text/javascript application/json
               image/svg+xml font/ttf;
    # Those files are content-hashed and immutable: each replica serves each one once, and
    # nginx answers every later request from this cache without touching a replica.
    proxy_cache_path {prefix}/cache levels=1:2 keys_zone=kl_static:1m max_size=200m
                     inactive=1d use_temp_path=off;

    # A browser's replica: its kl_replica cookie, or a fresh random key on first sight.
    map $cookie_kl_replica $kl_replica {{
        "~^[0-9a-f]{{32}}$" $cookie_kl_replica;
        default $request_id;
    }}
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        "" "";
    }}
    # Which replica answered, as its number: the replicas' own ports stay private. After
    # a failover $upstream_addr lists every address tried; the last one answered.
    map $upstream_addr $kl_replica_number {{
        default "";
{numbers}
    }}
    # A whole classroom may share one address (school NAT): about 60 students x (one
    # websocket + a few requests). One client cannot hold thousands of connections.
    limit_conn_zone $binary_remote_addr zone=kl_per_address:1m;
    upstream kl_replicas {{
        hash $kl_replica consistent;
{servers}
        keepalive 32;
    }}
    server {{
        listen {listen};
        limit_conn kl_per_address {max_connections};
        limit_conn_status 429;
        # A replica that is down (restarting after a crash) is skipped at once: its
        # students' requests and reconnecting websockets go to a live replica.
        proxy_connect_timeout 1s;
        proxy_next_upstream error timeout http_502 http_503;
        proxy_next_upstream_tries 3;
        proxy_hide_header X-KL-Replica;
        location = /_stcore/metrics {{ return 403; }}
        # Streamlit's frontend (/static/) and the live explorer's code with its plotly.js
        # bundle (/app/static/, each URL carrying its content's digest).
        location ~ ^/(app/)?static/ {{
            proxy_pass http://kl_replicas;
            proxy_http_version 1.1;
            proxy_set_header Host $http_host;
            proxy_set_header Connection "";
            proxy_buffering on;
            proxy_cache kl_static;
            proxy_cache_valid 200 1d;
            proxy_cache_lock on;
            add_header X-KL-Cache $upstream_cache_status always;
        }}
        location / {{
            proxy_pass http://kl_replicas;
            proxy_http_version 1.1;
            proxy_set_header Host $http_host;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_buffering off;
            proxy_read_timeout 1d;
            add_header Set-Cookie "kl_replica=$kl_replica; Path=/; HttpOnly; SameSite=Lax" always;
            add_header X-KL-Replica $kl_replica_number always;
        }}
    }}
}}
"""


def nginx_config(prefix: Path, host: str, port: int, replica_ports: list[int]) -> str:
    """The nginx configuration for `replica_ports` behind ``host:port`` (files in `prefix`)."""
    listen = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    servers = "\n".join(
        f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=1s;" for p in replica_ports
    )
    numbers = "\n".join(
        f'        "~127\\.0\\.0\\.1:{p}$" "{i}";' for i, p in enumerate(replica_ports, 1)
    )
    user = "user nobody nogroup;" if os.geteuid() == 0 else ""
    return NGINX_CONF.format(
        prefix=prefix,
        listen=listen,
        servers=servers,
        numbers=numbers,
        user=user,
        max_connections=MAX_CONNECTIONS_PER_ADDRESS,
    )


def resident_mb(pid: int) -> float:
    """Resident memory of process `pid` in MB (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Replica:
    """One serve.py process on a private port, restarted when it dies or grows too big."""

    def __init__(self, number: int, port: int, env: dict, memory_mb: float):
        self.number, self.port, self.env, self.memory_mb = number, port, env, memory_mb
        self.proc: subprocess.Popen | None = None
        self.crashes = 0
        self.started = 0.0
        self.restart_at: float | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "serve.py")],
            cwd=ROOT,
            env={**self.env, "PORT": str(self.port)},
        )
        self.started = time.monotonic()
        self.restart_at = None

    def check(self) -> None:
        """Restart a dead replica after its backoff delay; kill one over its memory limit."""
        now = time.monotonic()
        if self.proc.poll() is None:
            used = resident_mb(self.proc.pid)
            if used > self.memory_mb:
                print(
                    f"replica {self.number} uses {used:.0f} MB (limit {self.memory_mb:.0f} MB):"
                    " stopping it; it restarts",
                    file=sys.stderr,
                    flush=True,
                )
                self.proc.kill()
                self.proc.wait()
            return
        if self.restart_at is None:
            if now - self.started > STABLE_SECS:
                self.crashes = 0
            delay = RESTART_DELAYS[min(self.crashes, len(RESTART_DELAYS) - 1)]
            self.crashes += 1
            self.restart_at = now + delay
            print(
                f"replica {self.number} stopped (exit {self.proc.returncode}); restarting in "
                f"{delay:g} s while the others serve its students",
                file=sys.stderr,
                flush=True,
            )
        if now >= self.restart_at:
            self.start()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()


def main() -> None:
    host = os.environ.get("HOST", "127.0.0.1")
    try:
        port = int(os.environ.get("PORT", "8501"))
        replicas = int(os.environ.get("REPLICAS", str(os.cpu_count() or 2)))
        memory_mb = float(os.environ.get("REPLICA_MEMORY_MB", str(REPLICA_MEMORY_MB)))
    except ValueError:
        sys.exit("PORT, REPLICAS and REPLICA_MEMORY_MB must be numbers")
    if not 1 <= replicas <= MAX_REPLICAS:
        sys.exit(f"REPLICAS must be between 1 and {MAX_REPLICAS} (got {replicas})")
    if not Path(NGINX).exists():
        sys.exit("nginx is not installed: `make classroom` installs Debian's nginx")

    prefix = Path(tempfile.mkdtemp(prefix="kl-classroom-"))
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / "temp" / name).mkdir(parents=True)
    (prefix / "cache").mkdir()
    if os.geteuid() == 0:  # nginx's workers run as nobody and write their temp files here
        prefix.chmod(0o755)
        for path in (prefix / "temp", *(prefix / "temp").iterdir(), prefix / "cache"):
            shutil.chown(path, "nobody", "nogroup")

    env = {
        **os.environ,
        "HOST": "127.0.0.1",
        "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32),
    }
    replica_ports = [free_port() for _ in range(replicas)]
    pool = [Replica(i, p, env, memory_mb) for i, p in enumerate(replica_ports, 1)]
    nginx: list[subprocess.Popen] = []
    conf = prefix / "nginx.conf"

    def start_nginx() -> None:
        nginx[:] = [
            subprocess.Popen([NGINX, "-c", str(conf), "-p", str(prefix), "-g", "daemon off;"])
        ]

    def stop(*_args) -> None:
        if not prefix.exists():
            return
        for proc in nginx:
            if proc.poll() is None:
                proc.terminate()
        for replica in pool:
            replica.stop()
        for proc in [*nginx, *(r.proc for r in pool if r.proc is not None)]:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(prefix, ignore_errors=True)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        for replica in pool:
            replica.start()
        for replica_port in replica_ports:
            wait_healthy(f"127.0.0.1:{replica_port}", timeout=90)
        conf.write_text(nginx_config(prefix, host, port, replica_ports))
        start_nginx()
        print(
            f"KL divergence explorer for a classroom: http://{host}:{port} "
            f"({replicas} replicas behind nginx)",
            flush=True,
        )
        while True:  # a lost replica is restarted; the others and nginx keep serving
            time.sleep(SUPERVISE_SECS)
            for replica in pool:
                replica.check()
            if nginx[0].poll() is not None:
                print("nginx stopped; restarting it", file=sys.stderr, flush=True)
                start_nginx()
    finally:
        stop()


if __name__ == "__main__":
    main()
