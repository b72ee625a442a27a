"""gunicorn settings for production: `gunicorn -c deploy/gunicorn.conf.py config.wsgi:application`.

Threaded workers: a whole-register download streams for longer than gunicorn's default 30 s worker timeout, which
kills a sync worker mid-download and leaves the client with a file that looks complete. A gthread worker's main
thread keeps telling the arbiter it is alive while its threads stream, so `timeout` only catches a hung worker.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Two processes per core serve the register's CPU-bound pages; threads cover requests waiting on the database.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Restart each worker now and then, so that nothing a long-lived process accumulates matters.
max_requests = 5000
max_requests_jitter = 500
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
