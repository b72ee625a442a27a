"""Fill a database with a register at scale: N providers, each with one published entry and M accredited
micro-credentials (default 50,000 providers and 500,000 micro-credentials).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/microcred_bench .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/microcred_bench .venv/bin/python bench/generate.py --providers 50000
"""

import argparse
import datetime
import itertools
import random
import time
from decimal import Decimal

import _setup  # noqa: F401
from django.contrib.auth import get_user_model
from django.db import transaction

from accreditation.models import (
    Agency,
    Application,
    Authority,
    Decision,
    MicroCredential,
    MicroCredentialVersion,
    Provider,
    RegisterEntry,
    RegisterEvent,
    RegisterScopeItem,
)
from accreditation.register_index import set_search_columns
from frameworks.models import FieldOfStudy, Level
from frameworks.vocabularies import Country

WORDS = [
    "data",
    "analysis",
    "cloud",
    "security",
    "design",
    "leadership",
    "welding",
    "nursing",
    "robotics",
    "marketing",
    "accounting",
    "finance",
    "law",
    "teaching",
    "energy",
    "solar",
    "water",
    "farming",
    "logistics",
    "tourism",
    "cooking",
    "languages",
    "ethics",
    "statistics",
    "coding",
    "networks",
]
VERBS = ["Analyse", "Evaluate", "Design", "Apply", "Describe", "Manage", "Develop", "Assess", "Create", "Explain"]
SYLLABLES = ["ka", "ri", "to", "ne", "mo", "sa", "li", "ve", "du", "pa", "ro", "chi", "an", "el", "or", "us", "ti"]
VOCABULARY_SIZE = 5000


class Text:
    """Titles and learning outcomes drawn from a vocabulary of 5,000 words with the frequencies of real text
    (Zipf's law: the r-th most frequent word appears about 1/r as often as the first). The topical words above
    sit at ranks 37, 74, ... 962 among made-up ones, so a search for two of them is as selective as in a real
    catalogue, while the most frequent words appear in nearly every entry (the worst case of a search)."""

    def __init__(self, rng: random.Random):
        made_up: set[str] = set()
        while len(made_up) < VOCABULARY_SIZE - len(WORDS):
            made_up.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
        self.words = sorted(made_up - set(WORDS))
        rng.shuffle(self.words)
        for index, word in enumerate(WORDS):
            self.words.insert((index + 1) * 37 - 1, word)
        weights = [1 / rank for rank in range(1, len(self.words) + 1)]
        self.cumulative = list(itertools.accumulate(weights))
        self.rng = rng

    def words_of(self, count: int) -> str:
        return " ".join(self.rng.choices(self.words, cum_weights=self.cumulative, k=count))

    def title(self) -> str:
        return self.words_of(3).title()

    def outcomes(self) -> str:
        return "\n".join(f"{self.rng.choice(VERBS)} {self.words_of(5)}" for _ in range(3))


STATUSES = ["active", "suspended", "withdrawn"]
BATCH = 5000


def chunks(items, size=BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def bulk(model, objects):
    for chunk in chunks(objects):
        model.objects.bulk_create(chunk, batch_size=BATCH)


def main(providers: int, per_provider: int, seed: int) -> None:
    random.seed(seed)
    text = Text(random.Random(seed))
    started = time.perf_counter()
    user, _ = get_user_model().objects.get_or_create(username="bench")
    agencies = [
        Agency.objects.create(name=f"Bench agency {i}", country=c) for i, c in enumerate(["IE", "MT", "DE", "NL"])
    ]
    authorities = [Authority.objects.create(name=f"Bench authority {c}", country=c) for c in ["IE", "MT", "DE", "NL"]]
    levels = list(Level.objects.filter(framework__code="EQF"))
    fields = list(FieldOfStudy.objects.filter(parent__isnull=False))
    countries = [c for c, _label in Country.choices]
    today = datetime.date.today()
    offset = Provider.objects.count()
    for block in range(0, providers, BATCH):
        size = min(BATCH, providers - block)
        with transaction.atomic():
            made = Provider.objects.bulk_create(
                Provider(
                    legal_name=f"{random.choice(WORDS).title()} Institute {offset + block + i}",
                    type=random.choice(Provider.Type.values),
                    country=random.choice(countries),
                )
                for i in range(size)
            )
            apps = Application.objects.bulk_create(
                Application(
                    reference=f"B-{offset + block + i}",
                    provider=p,
                    agency=random.choice(agencies),
                    authority=random.choice(authorities),
                    created_by=user,
                    status="accredited",
                )
                for i, p in enumerate(made)
            )
            credentials, _versions_for = [], []
            for p in made:
                for _ in range(per_provider):
                    level = random.choice(levels)
                    credentials.append(
                        MicroCredential(
                            provider=p,
                            title=text.title(),
                            awarding_body=p.legal_name,
                            country=p.country,
                            learning_outcomes=text.outcomes(),
                            workload_hours=125,
                            ects=Decimal(random.choice([2, 3, 5, 6, 10])),
                            nqf_level=level,
                            eqf_level=level.ordinal,
                            assessment_type="project",
                            participation_form=random.choice(["online", "onsite", "blended"]),
                            quality_assurance="Internal",
                            field=random.choice(fields),
                            languages="en",
                        )
                    )
            credentials = MicroCredential.objects.bulk_create(credentials, batch_size=BATCH)
            versions = MicroCredentialVersion.objects.bulk_create(
                (
                    MicroCredentialVersion(micro_credential=c, number=1, created_by=user, **c.specification_values())
                    for c in credentials
                ),
                batch_size=BATCH,
            )
            decisions = Decision.objects.bulk_create(
                Decision(
                    application=a,
                    outcome="accredit",
                    rationale="Bench",
                    authority=a.authority,
                    officer=user,
                    valid_from=today - datetime.timedelta(days=random.randint(0, 2000)),
                    valid_until=today
                    + datetime.timedelta(days=random.randint(-500, 2000))
                    + datetime.timedelta(days=2001),
                )
                for a in apps
            )
            entries = [
                RegisterEntry(
                    provider=a.provider,
                    application=a,
                    decision=d,
                    agency=a.agency,
                    authority=a.authority,
                    certificate_id=f"MC-B{offset + block + i:08d}",
                    status=random.choices(STATUSES, weights=[93, 5, 2])[0],
                    valid_from=d.valid_from,
                    valid_until=d.valid_until,
                    published_on=d.valid_from,
                )
                for i, (a, d) in enumerate(zip(apps, decisions, strict=True))
            ]
            items = [
                RegisterScopeItem(
                    version=v,
                    title=v.title,
                    eqf_level=v.eqf_level,
                    field=v.field,
                    ects=v.ects,
                    participation_form=v.participation_form,
                )
                for v in versions
            ]
            for index, entry in enumerate(entries):
                scope = items[index * per_provider : (index + 1) * per_provider]
                set_search_columns(entry, entry.provider, scope)  # what publication does, in bulk
            entries = RegisterEntry.objects.bulk_create(entries)
            for index, item in enumerate(items):
                item.entry = entries[index // per_provider]
            RegisterScopeItem.objects.bulk_create(items, batch_size=BATCH)
            events = [
                RegisterEvent(
                    entry=e,
                    kind="published",
                    status="active",
                    valid_from=e.valid_from,
                    valid_until=e.valid_until,
                    effective_on=e.valid_from,
                    actor=user,
                )
                for e in entries
            ]
            events += [
                RegisterEvent(
                    entry=e,
                    kind=e.status,  # suspended or withdrawn, some time after publication
                    status=e.status,
                    valid_from=e.valid_from,
                    valid_until=e.valid_until,
                    effective_on=e.valid_from + datetime.timedelta(days=random.randint(30, 300)),
                    reason="Bench",
                    actor=user,
                )
                for e in entries
                if e.status != "active"
            ]
            RegisterEvent.objects.bulk_create(events, batch_size=BATCH)
        print(f"{block + size} providers in {time.perf_counter() - started:.0f} s", flush=True)
    print(
        f"done: {providers} providers, {providers * per_provider} micro-credentials, {time.perf_counter() - started:.0f} s"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--providers", type=int, default=50_000)
    parser.add_argument("--per-provider", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    main(args.providers, args.per_provider, args.seed)
