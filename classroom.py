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

from serve import free_port, wait_healthy

ROOT = Path(__file__).resolve().parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MAX_REPLICAS = 8

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
    upstream kl_replicas {{
        hash $kl_replica consistent;
{servers}
        keepalive 32;
    }}
    server {{
        listen {listen};
        location = /_stcore/metrics {{ return 403; }}
        location /static/ {{
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
            add_header X-KL-Replica $upstream_addr always;
        }}
    }}
}}
"""


def nginx_config(prefix: Path, host: str, port: int, replica_ports: list[int]) -> str:
    """The nginx configuration for `replica_ports` behind ``host:port`` (files in `prefix`)."""
    listen = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=0;" for p in replica_ports)
    user = "user nobody nogroup;" if os.geteuid() == 0 else ""
    return NGINX_CONF.format(prefix=prefix, listen=listen, servers=servers, user=user)


def main() -> None:
    host = os.environ.get("HOST", "127.0.0.1")
    try:
        port = int(os.environ.get("PORT", "8501"))
        replicas = int(os.environ.get("REPLICAS", str(os.cpu_count() or 2)))
    except ValueError:
        sys.exit("PORT and REPLICAS must be whole numbers")
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
    children: list[subprocess.Popen] = []

    def stop(*_args) -> None:
        if not children and not prefix.exists():
            return
        for child in reversed(children):
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(timeout=20)
            except subprocess.TimeoutExpired:
                child.kill()
        children.clear()
        shutil.rmtree(prefix, ignore_errors=True)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        for replica_port in replica_ports:
            children.append(
                subprocess.Popen(
                    [sys.executable, str(ROOT / "serve.py")],
                    cwd=ROOT,
                    env={**env, "PORT": str(replica_port)},
                )
            )
        for replica_port in replica_ports:
            wait_healthy(f"127.0.0.1:{replica_port}", timeout=90)
        conf = prefix / "nginx.conf"
        conf.write_text(nginx_config(prefix, host, port, replica_ports))
        children.append(
            subprocess.Popen([NGINX, "-c", str(conf), "-p", str(prefix), "-g", "daemon off;"])
        )
        print(
            f"KL divergence explorer for a classroom: http://{host}:{port} "
            f"({replicas} replicas behind nginx)",
            flush=True,
        )
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        print("a replica or nginx stopped; stopping the rest", file=sys.stderr)
    finally:
        stop()


if __name__ == "__main__":
    main()
