"""Background jobs: the job model, the runners' registry, and how a job is started (a Celery task when a broker is
configured, a thread otherwise) and shown (its progress page and file). A sibling of `reports` below the domain
layers: it imports no domain app. The layers above register the work of each kind of job with `@runner(kind)` and
the rule of who may see a job with `access.set_visibility_rule`."""
