"""The scaling benchmark: `python benchmarks/bench.py` (or `make bench`).

For each size it writes a synthetic, schema-valid data folder into a temporary directory
(never into data/), then measures:

- validation (atlas.validate.validate_data_dir), in this process;
- the full site build (`mkdocs build` of this project with ATLAS_DATA_DIR pointing at the
  synthetic data), in a child process, with its peak memory;
- the floor: the same site rendered beforehand as finished Markdown (`python -m atlas render`:
  every page, the open-data files as static files) and built by plain mkdocs-material with this
  site's theme settings but no macros and no hooks, so the ratio ours/floor is the cost of validating,
  generating, rendering and exporting inside MkDocs. The two builds run side by side, one per
  core, so that other work on a shared machine slows both alike; the pair is repeated and each
  build's fastest time kept;
- the search index, the total site and the largest place page, and the API export when the
  `export` command exists.

Generation is deterministic: the same size, obligation count and seed give byte-identical files.
See docs/benchmark.md for the results and how to read them.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))  # run as a script from any folder: the project's own atlas package

from atlas.model import load_atlas, schema_enum  # noqa: E402
from atlas.render import render_project  # noqa: E402
from atlas.search_index import largest_query_bytes  # noqa: E402
from atlas.validate import validate_data_dir  # noqa: E402

DATA_DIR = PROJECT_ROOT / "data"

SEED = 20261121
# Three sizes whose builds fit in TIME_BUDGET_S on 2 cores (see docs/benchmark.md); 1,000 local
# governments hold about 10,000 obligations, the size of the validation target.
DEFAULT_SIZES = "300,1000,2000"
# The whole run (three sizes) must fit in this many seconds on a 2-core machine.
TIME_BUDGET_S = 600
# Sizes built even when the budget is spent (`--always`): the national size, whose row the issue asks for.
ALWAYS_BUILT = "20000"
# From this size on, our build and the floor run one after the other, once: side by side, two
# national builds (6.5 GB each for the floor at 20,000 places) would share the memory of a machine
# that other work also uses.
SEQUENTIAL_FROM = 10_000
RESULTS_JSON = PROJECT_ROOT / "benchmarks" / "results.json"
REVIEWED_DATES = [f"2025-{month:02d}-{day:02d}" for month in range(1, 13) for day in (3, 11, 19, 27)]
COPIED_KINDS = ("rights", "instruments", "sdg-targets")

try:
    _Dumper = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - pure-Python PyYAML build
    _Dumper = yaml.SafeDumper


# --- synthetic records ----------------------------------------------------------------------

_SYLLABLES = [
    "al", "ber", "cal", "dor", "el", "fen", "gar", "hol", "ith", "jas", "kel", "lor", "mar", "nor",
    "or", "pen", "quin", "ros", "sal", "tor", "ul", "ven", "wes", "yar", "zen", "brook", "field",
    "ton", "ville", "wood", "dale", "port", "mont", "ridge", "haven", "ford",
]
_WORDS = (
    "the department runs services for residents under the charter and the state code and reports "
    "each year to the council on complaints budgets staffing inspections hearings and outcomes for "
    "people in every neighbourhood including tenants students patients detainees and voters while "
    "an independent office reviews its decisions publishes data and recommends changes to policy"
).split()

_BODIES = {
    "federal": ["Department of Justice", "Department of Education", "Department of Health and Human Services",
                "Department of Housing and Urban Development", "Equal Employment Opportunity Commission", "Congress"],
    "state": ["State Legislature", "Department of Public Health", "State Board of Education", "Department of Education",
              "Civil Rights Department", "Peace Officer Standards Commission", "Department of Justice", "Housing Agency"],
    "county": ["Board of Supervisors", "Department of Public Health", "Sheriff's Department", "Probation Department",
               "Office of Inspector General", "Human Relations Commission", "Housing Development Corporation"],
    "city": ["City Council", "Police Department", "Police Commission", "Housing Department", "Civil Rights Department",
             "Human Rights Commission", "Office of the Inspector General", "Department of Neighborhoods"],
    "special-district": ["Board of Education", "Office of Civil Rights Compliance", "School Police Department",
                         "Student Health Services", "Office of the Ombudsperson"],
}
# Rights each level most often holds duties for (drawn more often than the rest).
_LEVEL_RIGHTS = {
    "special-district": ["education", "non-discrimination-race", "non-discrimination-sex", "health"],
    "county": ["health", "liberty-and-security", "freedom-from-torture", "adequate-housing"],
    "city": ["liberty-and-security", "life", "adequate-housing", "peaceful-assembly", "participation-in-public-affairs"],
}
# Enumerations come from the schemas, the one source of truth.
_ROLES = schema_enum("jurisdiction.schema.json", "$defs", "obligation", "properties", "role")
_ACCOUNTABILITY_KINDS = schema_enum("jurisdiction.schema.json", "$defs", "accountability", "properties", "kind")
_ISSUE_AREAS = schema_enum("common.schema.json", "$defs", "issue_area")
_COMMITMENT_KINDS = schema_enum("jurisdiction.schema.json", "$defs", "commitment", "properties", "kind")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class _Generator:
    def __init__(self, rng: random.Random, rights: list[str], instruments: list[str]):
        self.rng = rng
        self.rights = rights
        self.instruments = instruments
        self.used_ids: set[str] = set()

    def name(self) -> str:
        return "".join(self.rng.choice(_SYLLABLES) for _ in range(self.rng.randint(2, 3))).capitalize()

    def unique_id(self, base: str) -> str:
        candidate, n = _slug(base), 2
        while candidate in self.used_ids:
            candidate, n = f"{_slug(base)}-{n}", n + 1
        self.used_ids.add(candidate)
        return candidate

    def sentence(self, length: int) -> str:
        words, size = [], 0
        while size < length:
            word = self.rng.choice(_WORDS)
            words.append(word)
            size += len(word) + 1
        return " ".join(words).capitalize() + "."

    def date(self) -> str:
        return self.rng.choice(REVIEWED_DATES)

    def sources(self, host: str, count: int) -> list[dict]:
        out = []
        for k in range(count):
            url = f"https://www.{host}.gov.test/code/{self.rng.randint(1, 9999)}/{k}"
            # Synthetic governments publish their own codes, so their sources are official.
            source = {"title": f"{self.sentence(30)[:-1]} ({k + 1})", "url": url, "publisher_kind": "official"}
            if self.rng.random() < 0.5:
                source["publisher"] = f"{self.name()} Legislative Information"
            out.append(source)
        return out

    def claim(self, host: str) -> dict:
        """status, sources and last_reviewed, as real records have them (about 90% verified)."""
        verified = self.rng.random() < 0.9
        return {
            "status": "verified" if verified else "unverified",
            "sources": self.sources(host, self.rng.randint(1, 3) if verified else 0),
            "last_reviewed": self.date(),
        }

    def right_for(self, level: str) -> str:
        favoured = [r for r in _LEVEL_RIGHTS.get(level, []) if r in self.rights]
        if favoured and self.rng.random() < 0.6:
            return self.rng.choice(favoured)
        return self.rng.choice(self.rights)

    def jurisdiction(self, jid: str, name: str, level: str, within: list[str], obligations: int,
                     overlaps: list[str] | None = None, geoid: str | None = None) -> dict:
        host = jid
        body_names = self.rng.sample(_BODIES[level], k=min(len(_BODIES[level]), self.rng.randint(3, 6)))
        bodies = []
        for body_name in body_names:
            body = {"id": _slug(body_name), "name": f"{name} {body_name}"}
            if self.rng.random() < 0.4:
                body["url"] = f"https://www.{host}.gov.test/{_slug(body_name)}"
            bodies.append(body)
        record: dict = {"id": jid, "name": name, "level": level}
        if level == "special-district":
            record["district_type"] = "school-district"
        if within:
            record["within"] = within
        if overlaps:
            record["overlaps"] = overlaps
        if geoid:
            record["geoid"] = geoid
        record["website"] = f"https://www.{host}.gov.test"
        record["summary"] = self.sentence(self.rng.randint(250, 450))
        record["bodies"] = bodies
        record["obligations"] = [
            {
                "right": self.right_for(level),
                "body": self.rng.choice(bodies)["id"],
                "role": self.rng.choice(_ROLES),
                "basis": f"{name} Code § {self.rng.randint(1, 999)}.{self.rng.randint(1, 99)}",
                "summary": self.sentence(self.rng.randint(150, 330)),
                **self.claim(host),
            }
            for _ in range(obligations)
        ]
        if level in {"city", "county", "state"} and self.rng.random() < 0.3:
            record["commitments"] = [
                {
                    "title": f"{name} human rights {self.rng.choice(_COMMITMENT_KINDS).replace('-', ' ')}",
                    "kind": self.rng.choice(_COMMITMENT_KINDS),
                    "instruments": self.rng.sample(self.instruments, k=min(2, len(self.instruments))),
                    "summary": self.sentence(self.rng.randint(100, 250)),
                    **self.claim(host),
                }
            ]
        record["accountability"] = [
            {
                "name": f"{name} {self.rng.choice(['complaint office', 'ombuds', 'oversight board', 'human rights commission'])}",
                "kind": self.rng.choice(_ACCOUNTABILITY_KINDS),
                "body": self.rng.choice(bodies)["id"],
                "issue_areas": self.rng.sample(_ISSUE_AREAS, k=self.rng.randint(1, 3)),
                "summary": self.sentence(self.rng.randint(100, 250)),
                **self.claim(host),
            }
            for _ in range(self.rng.randint(1, 3))
        ]
        if level == "state":
            record["preemptions"] = [
                {
                    "title": f"{name} local {self.rng.choice(['rent control', 'police discipline'])} preemption act",
                    "issue_area": self.rng.choice(_ISSUE_AREAS),
                    "rights": self.rng.sample(self.rights, k=self.rng.randint(1, 2)),
                    "basis": f"{name} Code § {self.rng.randint(1, 999)}",
                    "summary": self.sentence(self.rng.randint(100, 250)),
                    **self.claim(host),
                }
                for _ in range(self.rng.randint(1, 3))
            ]
        record["sources"] = self.sources(host, self.rng.randint(1, 2))
        record["last_reviewed"] = self.date()
        return record


@dataclass
class GeneratedData:
    data_dir: Path
    jurisdictions: int = 0  # all of them: federal, states and the N local governments
    places: int = 0  # cities
    obligations: int = 0
    records: int = 0  # every record file, the copied rights, instruments and SDG links included
    by_level: dict[str, int] = field(default_factory=dict)


def _record_ids(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.yaml") if not p.name.startswith("_"))


def generate_dataset(target: Path, jurisdictions: int, obligations: int = 10, seed: int = SEED,
                     source: Path = DATA_DIR) -> GeneratedData:
    """Write a schema-valid data folder at target: the real rights, instruments, SDG links and
    SDG reference text copied from source, plus one federal government, 50 states and
    `jurisdictions` local governments (in groups of a county, two cities and two school
    districts, each district overlapping one city) with `obligations` obligations each."""
    target.mkdir(parents=True, exist_ok=False)
    for kind in COPIED_KINDS:
        shutil.copytree(source / kind, target / kind, ignore=shutil.ignore_patterns("_*"))
    shutil.copytree(source / "sdg", target / "sdg")
    shutil.copytree(source / "source-rules", target / "source-rules")
    out_dir = target / "jurisdictions"
    out_dir.mkdir()

    rights = _record_ids(target / "rights")
    instruments = _record_ids(target / "instruments")
    gen = _Generator(random.Random(f"{seed}:{jurisdictions}:{obligations}"), rights, instruments)
    result = GeneratedData(target)

    def write(record: dict) -> None:
        text = yaml.dump(record, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
        (out_dir / f"{record['id']}.yaml").write_text(text, encoding="utf-8")
        result.jurisdictions += 1
        result.obligations += len(record["obligations"])
        result.by_level[record["level"]] = result.by_level.get(record["level"], 0) + 1
        result.places += record["level"] == "city"

    federal = gen.unique_id("united-states-of-benchmark")
    write(gen.jurisdiction(federal, "United States of Benchmark", "federal", [], obligations, geoid=None))
    states = []
    for index in range(50):
        name = gen.name()
        sid = gen.unique_id(name)
        states.append(sid)
        write(gen.jurisdiction(sid, f"State of {name}", "state", [federal], obligations, geoid=f"{index + 1:02d}"))

    county = state = None
    city = None
    county_count = 0
    for index in range(jurisdictions):
        slot = index % 5
        if slot == 0 or county is None:
            state = states[county_count % len(states)]
            county_count += 1
            name = f"{gen.name()} County"
            county = gen.unique_id(name)
            write(gen.jurisdiction(county, name, "county", [state], obligations, geoid=f"{county_count % 100000:05d}"))
        elif slot in (1, 3):
            name = gen.name()
            city = gen.unique_id(name)
            write(gen.jurisdiction(city, f"City of {name}", "city", [county, state], obligations, geoid=f"{index % 10**7:07d}"))
        else:
            name = f"{gen.name()} Unified School District"
            district = gen.unique_id(name)
            overlaps = [city] if slot in (2, 4) and city else None
            write(gen.jurisdiction(district, name, "special-district", [county], obligations, overlaps=overlaps))
    result.records = result.jurisdictions + sum(len(_record_ids(target / kind)) for kind in COPIED_KINDS)
    return result


# --- the floor: the same pages as static Markdown, built by plain mkdocs-material --------------

def write_floor_project(data_dir: Path, root: Path) -> tuple[int, float]:
    """The floor: this project rendered as finished Markdown under root (see atlas.render).
    Returns the number of Markdown pages and the seconds spent writing them."""
    result = render_project(load_atlas(data_dir), PROJECT_ROOT, root)
    return result.pages, result.seconds


# --- measuring ------------------------------------------------------------------------------

GNU_TIME = Path("/usr/bin/time")


def _has_gnu_time() -> bool:
    if not GNU_TIME.exists():
        return False
    probe = subprocess.run([str(GNU_TIME), "-f", "%M", "true"], capture_output=True, text=True)
    return probe.returncode == 0 and probe.stderr.strip().isdigit()


@dataclass
class Run:
    seconds: float
    peak_mb: float | None
    returncode: int
    output: str


def timed_run(command: list[str], cwd: Path, env: dict, gnu_time: bool) -> Run:
    """Run a command; its wall time and peak resident memory (GNU time's %M, else the
    children's ru_maxrss, which is only the high-water mark of every child so far)."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss_file:
        prefix = [str(GNU_TIME), "-f", "%M", "-o", rss_file.name] if gnu_time else []
        started = time.perf_counter()
        done = subprocess.run(prefix + command, cwd=cwd, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if gnu_time:
            text = rss_file.read().strip().splitlines()
            peak = int(text[-1]) / 1024 if text and text[-1].isdigit() else None
        else:
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return Run(seconds, peak, done.returncode, (done.stdout or "") + (done.stderr or ""))


def timed_side_by_side(runs: list[tuple[list[str], Path, list[str] | None]], env: dict, gnu_time: bool) -> list[Run]:
    """Run (command, cwd, ballast) triples at the same time, each timed on its own.

    Builds slow each other down a little (shared caches and memory); without ballast the build
    that finishes first would leave the other to finish alone, faster. So when a command
    finishes while another still runs, its ballast (the same work, written elsewhere) runs in
    its place, again if need be, and is stopped when the last command finishes: every measured
    command has a neighbour for its whole run."""
    lock = threading.Lock()
    running = [len(runs)]
    all_done = threading.Event()

    def run_one(run):
        command, cwd, ballast = run
        result = timed_run(command, cwd, env, gnu_time)
        with lock:
            running[0] -= 1
            if running[0] == 0:
                all_done.set()
        while ballast and not all_done.is_set():
            process = subprocess.Popen(ballast, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            while process.poll() is None and not all_done.wait(0.05):
                pass
            if process.poll() is None:
                process.kill()
            process.wait()
        return result

    with ThreadPoolExecutor(max_workers=len(runs)) as pool:
        return list(pool.map(run_one, runs))


def _tree_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _largest(paths, root: Path | None = None) -> tuple[int, str]:
    """The biggest file and its name: its folder's name, or its folder's path under root."""
    best = (0, "")
    for path in paths:
        size = path.stat().st_size
        if size > best[0]:
            best = (size, path.parent.relative_to(root).as_posix() if root else path.parent.name)
    return best


@dataclass
class Row:
    size: int
    label: str = ""  # instead of the size, for the real data
    jurisdictions: int = 0
    records: int = 0
    obligations: int = 0
    generate_s: float = 0.0
    validate_s: float = 0.0
    problems: int = 0
    pages: int = 0
    render_s: float | None = None  # writing the floor's pages with atlas.pages
    build_s: float | None = None
    build_mb: float | None = None
    floor_s: float | None = None
    floor_mb: float | None = None
    query_bytes: int | None = None  # the most one two-word search downloads, as stored (atlas.search_index.largest_query_bytes)
    query_bytes_served: int | None = None  # the same, its script and JSON as a host that gzips text sends them
    site_bytes: int | None = None
    place_bytes: int | None = None
    place_name: str = ""
    page_bytes: int | None = None  # the largest page of any kind
    page_name: str = ""
    export_s: float | None = None
    note: str = ""  # a failure
    skipped: str = ""  # builds left out to stay within the time budget
    pairs: int = 0  # builds of ours and the floor, the fastest of each kept
    method: str = ""  # "side by side" (one per core, with ballast) or "one after the other"
    api_bytes: int | None = None  # site/api after the export
    counties: int = 0  # the county list's rows (data/geography/counties.csv): each gets a file in the API
    county_files: int | None = None  # api/v2/counties/*.json after the export
    release_bytes: int | None = None  # what the export writes as release downloads, not part of the site


def _mb(value: int | None) -> str:
    return "n/a" if value is None else f"{value / 1_000_000:.2f} MB"


def _kb(value: int | None) -> str:
    return "n/a" if value is None else f"{value / 1000:.0f} KB"


def _s(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f} s"


HEADERS = [
    "places (N)", "records", "obligations", "validate", "per record", "pages", "build (ours)", "per page",
    "peak RSS", "floor build", "floor RSS", "ours/floor", "one search (at most)", "site", "largest place page",
    "largest page", "API export",
]


def row_cells(row: Row) -> list[str]:
    ratio = f"{row.build_s / row.floor_s:.2f}" if row.build_s and row.floor_s else "n/a"
    per_page = f"{1000 * row.build_s / row.pages:.1f} ms" if row.build_s and row.pages else "n/a"
    return [
        row.label or f"{row.size:,}",
        f"{row.records:,}",
        f"{row.obligations:,}",
        f"{row.validate_s:.2f} s" + (f" ({row.problems} problems)" if row.problems else ""),
        f"{1000 * row.validate_s / max(row.records, 1):.2f} ms",
        f"{row.pages:,}" if row.pages else "n/a",
        _s(row.build_s),
        per_page,
        "n/a" if row.build_mb is None else f"{row.build_mb:.0f} MB",
        _s(row.floor_s),
        "n/a" if row.floor_mb is None else f"{row.floor_mb:.0f} MB",
        ratio,
        _kb(row.query_bytes),
        _mb(row.site_bytes),
        _kb(row.place_bytes),
        "n/a" if row.page_bytes is None else f"{_kb(row.page_bytes)} ({row.page_name})",
        _s(row.export_s),
    ]


def markdown_table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "|".join("---:" for _ in HEADERS) + "|"]
    lines += ["| " + " | ".join(row_cells(row)) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def measure_size(size: int, obligations: int, workdir: Path, build: bool = True, gnu_time: bool = False,
                 sequential: bool = False) -> Row:
    """Generate N local governments into workdir/data, then measure them."""
    row = Row(size)
    data_dir = workdir / "data"
    started = time.perf_counter()
    generated = generate_dataset(data_dir, size, obligations)
    row.generate_s = time.perf_counter() - started
    row.jurisdictions, row.records, row.obligations = generated.jurisdictions, generated.records, generated.obligations
    _log(f"N={size}: wrote {generated.records} records ({generated.obligations} obligations) in {row.generate_s:.1f} s")
    pairs = 1 if sequential else SIZE_PAIRS  # a national size is built once: about half an hour per build
    return measure_data(row, data_dir, workdir, build, gnu_time, pairs=pairs, sequential=sequential)


def measure_real(workdir: Path, build: bool = True, gnu_time: bool = False) -> Row:
    """The project's own records, for the targets stated on the real site."""
    atlas = load_atlas(DATA_DIR)
    row = Row(0, label="real data/")
    row.jurisdictions = len(atlas.jurisdictions)
    row.records = len(atlas.jurisdictions) + len(atlas.rights) + len(atlas.instruments) + len(atlas.sdg_links)
    row.obligations = sum(len(r.get("obligations", [])) for r in atlas.jurisdictions.values())
    row.counties = len(atlas.counties)  # the state pages list them; the export writes a file for each
    return measure_data(row, DATA_DIR, workdir, build, gnu_time, pairs=REAL_DATA_PAIRS)


# Our build and the floor's run side by side, one per core, so that a burst of other work on a
# shared machine slows both alike and their ratio holds; each pair is repeated and each build's
# fastest time kept. The real site builds in a few seconds, where one burst moves the ratio most.
SIZE_PAIRS = 2
REAL_DATA_PAIRS = 3


def measure_data(row: Row, data_dir: Path, workdir: Path, build: bool, gnu_time: bool, pairs: int = 1,
                 sequential: bool = False) -> Row:
    """Validate in this process; then write the floor project and build ours and the floor side
    by side (or, `sequential`, one after the other), `pairs` times, keeping each one's fastest build."""
    name = row.label or f"N={row.size}"
    started = time.perf_counter()
    _, problems = validate_data_dir(data_dir)
    row.validate_s = time.perf_counter() - started
    row.problems = len(problems)
    _log(f"{name}: validated in {row.validate_s:.2f} s, {len(problems)} problems")
    if problems or not build:
        if problems:
            row.note = "the records are invalid; nothing built"
        return row

    env = {**os.environ, "ATLAS_DATA_DIR": str(data_dir), "NO_MKDOCS_2_WARNING": "1"}
    for key in ("ATLAS_SITE_URL", "ATLAS_REPO_URL"):
        env.pop(key, None)
    mkdocs = str(Path(sys.executable).parent / "mkdocs")

    def build_into(output: Path, quiet: bool = True) -> list[str]:
        return [mkdocs, "build", "--clean", *(["-q"] if quiet else []), "-d", str(output)]

    site, floor_root, floor_site = workdir / "site", workdir / "floor", workdir / "floor-site"
    ballast_site = workdir / "ballast-site"  # see timed_side_by_side
    _, row.render_s = write_floor_project(data_dir, floor_root)
    _log(f"{name}: floor files written in {row.render_s:.1f} s")

    ours_runs, floor_runs = [], []
    row.method = "one after the other" if sequential else "side by side"
    for _ in range(pairs):
        if sequential:  # two national builds side by side would need twice the memory
            floor = timed_run(build_into(floor_site), floor_root, env, gnu_time)
            shutil.rmtree(floor_site, ignore_errors=True)  # its files are not measured; free the disk
            ours = timed_run(build_into(site, quiet=False), PROJECT_ROOT, env, gnu_time)
        else:
            ours, floor = timed_side_by_side(
                [
                    (build_into(site, quiet=False), PROJECT_ROOT, build_into(ballast_site)),
                    (build_into(floor_site), floor_root, build_into(ballast_site)),
                ],
                env,
                gnu_time,
            )
        if ours.returncode != 0 or floor.returncode != 0:
            failed = [f"{which} build failed: {run.output[-500:]}" for which, run in (("our", ours), ("floor", floor))
                      if run.returncode != 0]
            row.note = " ".join(failed)
            _log(row.note)
            break
        ours_runs.append(ours)
        floor_runs.append(floor)
        _log(f"{name}: {row.method}, our build {ours.seconds:.1f} s, floor build {floor.seconds:.1f} s")
    row.pairs = len(ours_runs)

    if ours_runs:
        best = min(ours_runs, key=lambda run: run.seconds)
        row.build_s, row.build_mb = best.seconds, best.peak_mb
        row.pages = sum(1 for _ in site.rglob("index.html"))
        row.query_bytes = largest_query_bytes(site / "pagefind")
        row.query_bytes_served = largest_query_bytes(site / "pagefind", as_served_gzipped=True)
        row.site_bytes = _tree_size(site)
        row.place_bytes, row.place_name = _largest((site / "places").glob("*/index.html"))
        row.page_bytes, row.page_name = _largest(site.rglob("index.html"), site)
        if (PROJECT_ROOT / "atlas" / "export.py").exists():
            release = workdir / "release"  # as the deploy workflow does: counted apart from the site
            export = timed_run([sys.executable, "-m", "atlas", "export", str(site), "--data", str(data_dir),
                                "--release-dir", str(release)], PROJECT_ROOT, env, gnu_time)
            row.export_s = export.seconds if export.returncode == 0 else None
            outcome = f"{export.seconds:.1f} s" if export.returncode == 0 else f"failed: {export.output[-300:]}"
            _log(f"{name}: export {outcome}")
            row.api_bytes = _tree_size(site / "api")
            row.county_files = sum(1 for _ in (site / "api").glob("v*/counties/*.json"))
            row.release_bytes = _tree_size(release) if release.exists() else 0
            _log(f"{name}: API in the site {_mb(row.api_bytes)}, release downloads {_mb(row.release_bytes)}")
            row.site_bytes = _tree_size(site)  # with the API as the export command writes it
    if floor_runs:
        best = min(floor_runs, key=lambda run: run.seconds)
        row.floor_s, row.floor_mb = best.seconds, best.peak_mb
    for folder in (site, floor_site, floor_root, ballast_site, workdir / "release"):
        shutil.rmtree(folder, ignore_errors=True)
    return row


def parse_sizes(text: str) -> list[int]:
    sizes = [int(part) for part in text.replace(" ", "").split(",") if part]
    if not sizes or any(size < 1 for size in sizes):
        raise ValueError(f"--sizes must be positive whole numbers separated by commas, got {text!r}")
    return sizes


def _load_average() -> str:
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:  # pragma: no cover - not available on this platform
        return "n/a"


def _code_version() -> str:
    """The commit measured, read-only, and whether the working tree differs from it."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True)
        dirty = subprocess.run(["git", "--no-optional-locks", "status", "--porcelain", "--untracked-files=no"], cwd=PROJECT_ROOT,
                               capture_output=True, text=True)
    except OSError:
        return "unknown (no git)"
    if head.returncode != 0:
        return "unknown (not a git checkout)"
    return f"commit {head.stdout.strip()}" + (" with uncommitted changes" if dirty.stdout.strip() else "")


def _commit() -> str:
    """The commit measured (short hash), marked when the working tree differs from it."""
    version = _code_version()
    return version.removeprefix("commit ").replace(" with uncommitted changes", "+dirty")


def _utc_now() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _in(value: int | None, unit: int, digits: int = 1) -> float | None:
    return None if value is None else round(value / unit, digits)


def result_row(row: Row) -> dict:
    """One row of benchmarks/results.json: what was measured at one size, in plain units (decimal MB and KB)."""
    ratio = round(row.build_s / row.floor_s, 3) if row.build_s and row.floor_s else None
    return {
        "places": row.label or row.size,  # local governments generated, or "real data/"
        "jurisdictions": row.jurisdictions,
        "obligations": row.obligations,
        "pages": row.pages or None,
        "validate_s": round(row.validate_s, 2),
        "build_s_ours": None if row.build_s is None else round(row.build_s, 1),
        "build_s_floor": None if row.floor_s is None else round(row.floor_s, 1),
        "ratio": ratio,
        "method": row.method or None,
        "builds_per_size": row.pairs or None,
        "peak_mb_ours": None if row.build_mb is None else round(row.build_mb),
        "peak_mb_floor": None if row.floor_mb is None else round(row.floor_mb),
        "site_mb": _in(row.site_bytes, 1_000_000),
        "api_mb": _in(row.api_bytes, 1_000_000),
        "release_mb": _in(row.release_bytes, 1_000_000),  # release downloads: published, but not in site_mb
        "largest_page_kb": _in(row.page_bytes, 1000),
        "largest_page": row.page_name or None,
        "largest_place_page_kb": _in(row.place_bytes, 1000),
        "search_query_bytes": row.query_bytes,  # the most one two-word search downloads, as stored: an upper bound
        "search_query_bytes_served": row.query_bytes_served,  # the same with its text files gzipped, as GitHub Pages sends them
        "render_s": None if row.render_s is None else round(row.render_s, 1),
        "export_s": None if row.export_s is None else round(row.export_s, 1),
        "counties": row.counties or None,
        "county_files": row.county_files,
        "note": "; ".join(note for note in (row.skipped, row.note) if note) or None,
    }


def write_results(path: Path, rows: list[dict]) -> None:
    """Add this run's rows to the results file, replacing any earlier row of the same size and commit."""
    kept = json.loads(path.read_text(encoding="utf-8"))["rows"] if path.exists() else []
    new = {(row["places"], row["commit"]) for row in rows}
    kept = [row for row in kept if (row["places"], row["commit"]) not in new]
    text = json.dumps({"rows": kept + rows}, indent=1, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")


def _predicted_seconds(rows: list[Row], size: int) -> float | None:
    """Seconds the builds of `size` should take, scaled from the largest size built so far
    (per local government, with a margin for the pages that grow with the number of places)."""
    built = [row for row in rows if row.size and row.build_s is not None]
    if not built:
        return None
    last = max(built, key=lambda row: row.size)
    pairs = SIZE_PAIRS * max(last.build_s or 0, last.floor_s or 0)  # each pair lasts as long as its slower build
    spent = pairs + (last.render_s or 0) + (last.export_s or 0)
    return spent * size / last.size * 1.15


# The issue's targets (docs/benchmark.md, "Targets"); Lighthouse has its own command (make lighthouse).
VALIDATION_TARGET = (10_000, 2.0)  # validating this many obligations takes under this many seconds
RATIO_TARGET = 1.3  # ours/floor at every size
PLACE_PAGE_TARGET = 150_000  # bytes of a place page's HTML
QUERY_BYTES_TARGET = 300_000  # bytes one search downloads, at every size


def target_lines(rows: list[Row]) -> list[str]:
    """One line per target: what this run measured and whether the target is met."""

    def verdict(met: bool) -> str:
        return "met" if met else "NOT met"

    lines = []
    obligations, limit = VALIDATION_TARGET
    sized = sorted((row for row in rows if row.size and row.obligations >= obligations), key=lambda row: row.obligations)
    if sized:
        row = sized[0]
        # Validation is linear in the records, so a larger size is judged at the target's own count.
        scaled = row.validate_s * obligations / row.obligations
        per = "" if row.obligations == obligations else f", {scaled:.2f} s per {obligations:,}"
        lines.append(
            f"validating {row.obligations:,} obligations took {row.validate_s:.2f} s{per} "
            f"(target: {obligations:,} in under {limit:g} s): {verdict(scaled < limit)}"
        )
    ratios = [(row.label or f"{row.size:,}", row.build_s / row.floor_s) for row in rows if row.build_s and row.floor_s]
    if ratios:
        shown = ", ".join(f"{ratio:.2f} ({name})" for name, ratio in ratios)
        worst = max(ratio for _, ratio in ratios)
        lines.append(f"ours/floor {shown} (target: at most {RATIO_TARGET:g} at every size): {verdict(worst <= RATIO_TARGET)}")
    places = [(row.label or f"{row.size:,}", row.place_bytes) for row in rows if row.place_bytes]
    if places:
        shown = ", ".join(f"{size / 1000:.0f} KB ({name})" for name, size in places)
        synthetic = [row.place_bytes for row in rows if row.size and row.place_bytes]
        flat = not synthetic or max(synthetic) <= 1.05 * min(synthetic)
        small = all(size < PLACE_PAGE_TARGET for _, size in places)
        lines.append(
            f"largest place page {shown} (target: under {PLACE_PAGE_TARGET / 1000:.0f} KB, "
            f"not growing with the number of places): {verdict(small and flat)}"
        )
    for figure, says in (
        ("query_bytes", "one search downloads at most {} (target: under {:.0f} KB at every size)"),
        ("query_bytes_served", "  the same with its script and JSON files gzipped, as a host that compresses text sends "
                               "them: {} (target: under {:.0f} KB)"),
    ):
        searches = [(row.label or f"{row.size:,}", getattr(row, figure)) for row in rows if getattr(row, figure)]
        if searches:
            shown = ", ".join(f"{size / 1000:.0f} KB ({name})" for name, size in searches)
            met = all(size < QUERY_BYTES_TARGET for _, size in searches)
            lines.append(f"{says.format(shown, QUERY_BYTES_TARGET / 1000)}: {verdict(met)}")
    return lines


def run_benchmark(args) -> int:
    """`make bench`: one table row for the real data, then one per size, printed as
    Markdown (and written to --markdown). A size whose builds are predicted to overrun the
    time budget is validated only, and the table says so."""
    try:
        sizes = parse_sizes(str(getattr(args, "sizes", None) or DEFAULT_SIZES))
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    obligations = int(getattr(args, "obligations", 10))
    build = not getattr(args, "no_build", False)
    budget = float(getattr(args, "budget", None) or TIME_BUDGET_S)
    gnu_time = build and _has_gnu_time()
    always = set(parse_sizes(str(getattr(args, "always", None) or ALWAYS_BUILT)))
    sequential_from = int(getattr(args, "sequential_from", None) or SEQUENTIAL_FROM)
    rows: list[Row] = []
    load_before = _load_average()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as tmp:
        if not getattr(args, "skip_real", False):
            workdir = Path(tmp) / "real"
            workdir.mkdir()
            rows.append(measure_real(workdir, build=build, gnu_time=gnu_time))
            shutil.rmtree(workdir, ignore_errors=True)
        for size in sizes:
            workdir = Path(tmp) / f"n{size}"
            workdir.mkdir()
            predicted = _predicted_seconds(rows, size) if build else None
            remaining = budget - (time.perf_counter() - started)
            within_budget = predicted is None or predicted <= remaining or size in always
            sequential = size >= sequential_from
            row = measure_size(size, obligations, workdir, build=build and within_budget, gnu_time=gnu_time,
                               sequential=sequential)
            if build and not within_budget:
                left = max(remaining, 0)
                row.skipped = f"builds skipped: predicted {predicted:.0f} s, {left:.0f} s of the {budget:.0f} s budget left"
                _log(f"N={size}: {row.skipped}")
            rows.append(row)
            shutil.rmtree(workdir, ignore_errors=True)
    total = time.perf_counter() - started

    table = markdown_table(rows)
    notes = [
        f"{obligations} obligations per local government; 50 states and 1 federal government added at every size; "
        f"the whole run took {total:.0f} s" + ("" if total <= budget else f" (over the {budget:.0f} s budget)") + ".",
    ]
    notes.append(
        f"Code: {_code_version()}; {os.cpu_count()} CPUs; load average {load_before} at the start, "
        f"{_load_average()} at the end (other work on the machine slows every column alike)."
    )
    paired = [row.pairs for row in rows if row.pairs and row.method == "side by side"]
    if paired:
        times = f"{min(paired)}–{max(paired)}" if min(paired) != max(paired) else f"{paired[0]}"
        notes.append(
            f"Our build and the floor ran side by side, one per core, {times} times per row; each build's fastest "
            "time is shown (side by side, each is about 10% slower than alone)."
        )
    one_after = [row.label or f"N={row.size:,}" for row in rows if row.method == "one after the other"]
    if one_after:
        notes.append(
            f"{', '.join(one_after)}: our build and the floor ran one after the other, once each (from "
            f"{sequential_from:,} places: two such builds side by side would need twice the memory)."
        )
    if build and not gnu_time:
        notes.append("Peak RSS is the high-water mark of all child processes so far (GNU time not found).")
    for row in rows:
        if row.counties:
            files = "" if row.county_files is None else f", {row.county_files:,} county files in the API export"
            listed = f"{row.counties:,} counties and county-equivalents listed on the state pages"
            notes.append(f"{row.label or f'N={row.size}'}: {listed}{files}.")
    for row in rows:
        for note in (row.skipped, row.note):
            if note:
                notes.append(f"{row.label or f'N={row.size}'}: {note}")
    targets = target_lines(rows)
    output = table + "\n" + "\n".join(f"- {note}" for note in notes) + "\n"
    if targets:
        output += "\nTargets:\n\n" + "\n".join(f"- {line}" for line in targets) + "\n"
    print(output, end="")
    if getattr(args, "markdown", None):
        Path(args.markdown).write_text(output, encoding="utf-8")
    if getattr(args, "json", None):
        load = [load_before, _load_average()]
        context = {"commit": _commit(), "date": _utc_now(), "load_average": load, "cpus": os.cpu_count()}
        write_results(Path(args.json), [result_row(row) | context for row in rows])
    return 1 if any(row.problems or row.note for row in rows) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time validation, build and export at several sizes against a plain-site floor.")
    parser.add_argument("--sizes", default=None, help=f"comma-separated place counts (default: {DEFAULT_SIZES})")
    parser.add_argument("--obligations", type=int, default=10, help="obligations per jurisdiction")
    parser.add_argument("--markdown", help="also write the results table to this Markdown file")
    parser.add_argument("--no-build", action="store_true", help="measure validation only (no mkdocs builds)")
    parser.add_argument("--skip-real", action="store_true", help="leave out the row for the real data/")
    parser.add_argument("--budget", type=float, default=None, help=f"seconds the whole run may take (default {TIME_BUDGET_S})")
    parser.add_argument("--always", default=None, help=f"sizes built even past the budget (default: {ALWAYS_BUILT})")
    parser.add_argument("--sequential-from", type=int, default=None,
                        help=f"build ours and the floor one after the other, once, from this size (default {SEQUENTIAL_FROM:,})")
    parser.add_argument("--json", default=str(RESULTS_JSON),
                        help="add the rows to this JSON file (default: benchmarks/results.json; '' for none)")
    return run_benchmark(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
