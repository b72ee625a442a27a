"""Time and peak memory of the full streamed downloads for the EU systems (ELM 3 JSON-LD, DEQAR, ELM XML) beside
the CSV's, each in a process of its own (peak RSS only grows), read to the end as a client would (run after
bench/generate.py). DEQAR needs a DEQAR id and activity ids on the agencies and an identifier on each provider:
`--configure` sets them in the bench database first.

DATABASE_URL=postgres://postgres@127.0.0.1:5432/microcred_bench .venv/bin/python bench/register_feeds.py --configure
"""

import argparse
import resource
import subprocess
import sys
import time

import _setup  # noqa: F401

DOWNLOADS = {
    "csv": "/register/export.csv",
    "elm.jsonld": "/register/export/elm.jsonld",
    "deqar.json": "/register/export/deqar.json",
    "elm.xml": "/register/export/elm.xml",
}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def configure() -> None:
    from django.db.models import F
    from django.db.models.functions import Concat, Right

    from accreditation.models import Agency, Provider

    for agency in Agency.objects.all():
        agency.deqar_id = agency.deqar_id or str(100 + agency.pk)
        agency.deqar_activities_institutional, agency.deqar_activities_programme = "181", "182"
        agency.save()
    Provider.objects.filter(eter_id="").update(eter_id=Concat(F("country"), Right(Concat(F("pk"), F("pk")), 6)))


def measure(name: str) -> None:
    from django.test import Client
    from django.test.utils import override_settings

    with override_settings(ALLOWED_HOSTS=["testserver"]):
        before = peak_mb()
        start = time.perf_counter()
        response = Client().get(DOWNLOADS[name])
        assert response.status_code == 200, response.status_code
        size = sum(len(chunk) for chunk in response.streaming_content)
        elapsed = time.perf_counter() - start
    print(f"{name}: {size / 1e6:.1f} MB in {elapsed:.0f} s; peak RSS {peak_mb():.0f} MB (before: {before:.0f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--configure", action="store_true")
    parser.add_argument("--only", choices=sorted(DOWNLOADS))
    options = parser.parse_args()
    if options.only:
        measure(options.only)
        return
    if options.configure:
        configure()
    for name in DOWNLOADS:
        subprocess.run([sys.executable, __file__, "--only", name], check=True)


if __name__ == "__main__":
    main()
