"""Median time to build one accreditation certificate PDF (pure builder, data prepared once).

.venv/bin/python bench/certificate_pdf.py
"""

import datetime
import statistics
import time

import _setup  # noqa: F401

from reports.pdf import build_certificate
from reports.pdf.documents import CertificateData


def main(runs: int = 50) -> None:
    data = CertificateData(
        certificate_id="MC-ABCD-2345",
        provider="Πανεπιστήμιο Łódź Technological College",
        country="Ireland",
        scope=[f"Applied Data Analysis {n} (EQF 6, 5 ECTS)" for n in range(8)],
        valid_from=datetime.date(2026, 1, 1),
        valid_until=datetime.date(2032, 1, 1),
        agency="Irish Quality Agency",
        authority="National Accreditation Authority",
        conditions=False,
        verify_url="https://register.example.eu/register/verify/MC-ABCD-2345/",
    )
    build_certificate(data)  # fonts registered once per process
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        build_certificate(data)
        times.append((time.perf_counter() - start) * 1000)
    print(f"certificate PDF: median {statistics.median(times):.1f} ms over {runs} runs")


if __name__ == "__main__":
    main()
