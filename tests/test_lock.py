"""The lock files still match the requirements they were made from.

requirements.txt and requirements-dev.txt hold lower bounds; requirements.lock and
requirements-dev.lock (pip-tools, `make lock`) pin every package with its hashes, and
`make run` / `make test` install from them. When someone changes a requirement and forgets
`make lock`, this test fails in CI. It reads the files only: no network, no pip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import NormalizedName, canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent

#: "# via -r requirements.txt" in a lock: the package is a direct requirement of that file.
VIA_FILE = re.compile(r"^-r (?P<file>\S+)(?: \(line \d+\))?$")
#: The command the lock's header tells a reader to run.
RENEW_COMMAND = "#    make lock"


@dataclass(frozen=True)
class Pin:
    """One package in a lock file: its version, its hashes and why it is there."""

    version: Version
    hashes: tuple[str, ...]
    via: tuple[str, ...]


def read_requirements(path: Path) -> list[tuple[Path, Requirement]]:
    """The requirements of a requirements file with the file each comes from.

    ``-r FILE`` lines are followed; ``-c FILE`` lines are constraints, not requirements,
    and other options are not requirements either.
    """
    found: list[tuple[Path, Requirement]] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"(^|\s)#.*$", "", raw).strip()
        if not line:
            continue
        if line.startswith(("-r ", "--requirement ")):
            found += read_requirements(path.parent / line.split(maxsplit=1)[1])
        elif not line.startswith("-"):
            found.append((path, Requirement(line)))
    return found


def read_lock(path: Path) -> dict[NormalizedName, Pin]:
    """The pins of a pip-compile lock file, by normalised package name."""
    text = path.read_text(encoding="utf-8").replace("\\\n", " ")
    pins: dict[NormalizedName, Pin] = {}
    name: NormalizedName | None = None
    listing = False  # inside a "# via" followed by one reason per line
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("#"):
            requirement, *hashes = (part.strip() for part in line.split("--hash="))
            pinned = Requirement(requirement)
            (spec,) = pinned.specifier
            if spec.operator != "==":
                raise ValueError(f"{path.name}: {requirement!r} is not pinned with ==")
            name = canonicalize_name(pinned.name)
            pins[name] = Pin(Version(spec.version), tuple(hashes), ())
            listing = False
            continue
        reasons: list[str] = []
        if line == "# via":
            listing = True
        elif line.startswith("# via "):
            reasons = [line.removeprefix("# via ").strip()]
        elif listing and raw.lstrip().startswith("#   "):
            reasons = [line.removeprefix("#").strip()]
        else:
            listing = False
        if reasons and name is not None:
            pin = pins[name]
            pins[name] = Pin(pin.version, pin.hashes, (*pin.via, *reasons))
    return pins


def lock_problems(requirements: Path, lock: Path) -> list[str]:
    """What no longer matches between a requirements file and the lock made from it.

    Every requirement (markers that apply here) must be pinned at a version its bounds
    allow; every pin must have a hash; a pin the lock gives as coming from ``-r FILE``
    must still be a requirement of FILE; every other reason must be a pinned package.
    """
    problems: list[str] = []
    pins = read_lock(lock)
    if RENEW_COMMAND not in lock.read_text(encoding="utf-8").splitlines():
        problems.append(f"{lock.name}: the header does not say `make lock` renews it")
    for source, requirement in read_requirements(requirements):
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        pin = pins.get(canonicalize_name(requirement.name))
        if pin is None:
            problems.append(f"{requirement} ({source.name}) is not in {lock.name}")
        elif not requirement.specifier.contains(pin.version, prereleases=True):
            problems.append(f"{requirement} ({source.name}) but {lock.name} pins {pin.version}")
    direct: dict[str, set[NormalizedName]] = {}
    for name, pin in sorted(pins.items()):
        if not pin.hashes:
            problems.append(f"{name} has no hash in {lock.name}")
        if not pin.via:
            problems.append(f"{lock.name} does not say why {name} is there")
        for reason in pin.via:
            if reason.startswith("-c "):
                continue
            if match := VIA_FILE.match(reason):
                file = match["file"]
                if file not in direct:
                    direct[file] = {
                        canonicalize_name(r.name)
                        for source, r in read_requirements(lock.parent / file)
                        if source == lock.parent / file
                    }
                if name not in direct[file]:
                    problems.append(
                        f"{lock.name} has {name} via {file}, which no longer asks for it"
                    )
            elif canonicalize_name(reason) not in pins:
                problems.append(f"{lock.name} has {name} via {reason}, which it does not pin")
    return problems


def shared_pin_problems(runtime_lock: Path, dev_lock: Path) -> list[str]:
    """Runtime packages the development lock leaves out or pins at another version."""
    dev = read_lock(dev_lock)
    problems: list[str] = []
    for name, pin in sorted(read_lock(runtime_lock).items()):
        if name not in dev:
            problems.append(f"{dev_lock.name} lacks {name}=={pin.version}")
        elif dev[name].version != pin.version:
            problems.append(
                f"{runtime_lock.name} pins {name}=={pin.version}, "
                f"{dev_lock.name} {name}=={dev[name].version}"
            )
    return problems


# -- the project's own files -------------------------------------------------------------


def _renew_message(problems: list[str]) -> str:
    return "run `make lock` and commit both lock files:\n" + "\n".join(problems)


def test_runtime_lock_matches_requirements() -> None:
    problems = lock_problems(ROOT / "requirements.txt", ROOT / "requirements.lock")
    assert not problems, _renew_message(problems)


def test_dev_lock_matches_dev_requirements() -> None:
    problems = lock_problems(ROOT / "requirements-dev.txt", ROOT / "requirements-dev.lock")
    assert not problems, _renew_message(problems)


def test_dev_lock_pins_the_runtime_versions() -> None:
    problems = shared_pin_problems(ROOT / "requirements.lock", ROOT / "requirements-dev.lock")
    assert not problems, _renew_message(problems)


def test_the_locks_hold_runtime_and_test_packages_where_they_belong() -> None:
    """The reader sees the real files: the [binary] extra's package, test tools in dev only."""
    runtime = read_lock(ROOT / "requirements.lock")
    assert {"flask", "sqlalchemy", "psycopg", "psycopg-binary"} <= runtime.keys()
    assert "pytest" in read_lock(ROOT / "requirements-dev.lock")
    assert "pytest" not in runtime


# -- the checker on purpose-made files ---------------------------------------------------

HEADER = "#\n# This file is autogenerated by pip-compile\n#\n#    make lock\n#\n"
HASH = "--hash=sha256:" + "0" * 64


def _files(tmp_path: Path, requirements: str, lock: str) -> tuple[Path, Path]:
    (tmp_path / "requirements.txt").write_text(requirements, encoding="utf-8")
    (tmp_path / "requirements.lock").write_text(HEADER + lock, encoding="utf-8")
    return tmp_path / "requirements.txt", tmp_path / "requirements.lock"


GOOD_REQUIREMENTS = "# lower bounds\nFlask>=3.1\npsycopg[binary]>=3.1  # the C build\n"
GOOD_LOCK = f"""\
blinker==1.9.0 \\
    {HASH}
    # via flask
flask==3.1.3 \\
    {HASH} \\
    {HASH}
    # via -r requirements.txt
psycopg==3.3.9 \\
    {HASH}
    # via
    #   -c requirements.lock
    #   -r requirements.txt
psycopg-binary==3.3.9 \\
    {HASH}
    # via psycopg
"""


def test_checker_accepts_a_matching_lock(tmp_path: Path) -> None:
    requirements, lock = _files(tmp_path, GOOD_REQUIREMENTS, GOOD_LOCK)

    assert lock_problems(requirements, lock) == []
    pins = read_lock(lock)
    assert pins["flask"] == Pin(
        Version("3.1.3"), (HASH.removeprefix("--hash="),) * 2, ("-r requirements.txt",)
    )
    assert pins["psycopg"].via == ("-c requirements.lock", "-r requirements.txt")


@pytest.mark.parametrize(
    ("requirements", "lock", "problem"),
    [
        (
            GOOD_REQUIREMENTS.replace("Flask>=3.1", "Flask>=3.2"),
            GOOD_LOCK,
            "Flask>=3.2 (requirements.txt) but requirements.lock pins 3.1.3",
        ),
        (
            GOOD_REQUIREMENTS + "gunicorn>=22.0\n",
            GOOD_LOCK,
            "gunicorn>=22.0 (requirements.txt) is not in requirements.lock",
        ),
        (
            GOOD_REQUIREMENTS.replace("Flask>=3.1\n", "blinker>=1.9\n"),
            GOOD_LOCK,
            "requirements.lock has flask via requirements.txt, which no longer asks for it",
        ),
        (
            GOOD_REQUIREMENTS,
            GOOD_LOCK.replace(f"blinker==1.9.0 \\\n    {HASH}\n", "blinker==1.9.0\n"),
            "blinker has no hash in requirements.lock",
        ),
        (
            GOOD_REQUIREMENTS,
            GOOD_LOCK.replace("# via flask\n", "# via flask-caching\n"),
            "requirements.lock has blinker via flask-caching, which it does not pin",
        ),
    ],
    ids=["bound-raised", "requirement-added", "requirement-removed", "no-hash", "orphan"],
)
def test_checker_finds_a_mismatch(
    tmp_path: Path, requirements: str, lock: str, problem: str
) -> None:
    assert lock_problems(*_files(tmp_path, requirements, lock)) == [problem]


def test_checker_follows_included_files(tmp_path: Path) -> None:
    _, lock = _files(tmp_path, GOOD_REQUIREMENTS, GOOD_LOCK)
    dev = tmp_path / "requirements-dev.txt"
    dev.write_text("-r requirements.txt\n-c requirements.lock\npytest>=8.0\n", encoding="utf-8")

    assert lock_problems(dev, lock) == [
        "pytest>=8.0 (requirements-dev.txt) is not in requirements.lock"
    ]


def test_checker_needs_the_renew_command_in_the_header(tmp_path: Path) -> None:
    requirements, lock = _files(tmp_path, GOOD_REQUIREMENTS, GOOD_LOCK)
    lock.write_text(GOOD_LOCK, encoding="utf-8")

    assert lock_problems(requirements, lock) == [
        "requirements.lock: the header does not say `make lock` renews it"
    ]


def test_checker_finds_dev_pins_that_differ_from_runtime(tmp_path: Path) -> None:
    runtime = tmp_path / "requirements.lock"
    runtime.write_text(HEADER + GOOD_LOCK, encoding="utf-8")
    dev = tmp_path / "requirements-dev.lock"
    dev.write_text(
        HEADER
        + GOOD_LOCK.replace("flask==3.1.3", "flask==3.1.2").replace("blinker", "itsdangerous"),
        encoding="utf-8",
    )

    assert shared_pin_problems(runtime, dev) == [
        "requirements-dev.lock lacks blinker==1.9.0",
        "requirements.lock pins flask==3.1.3, requirements-dev.lock flask==3.1.2",
    ]
    assert shared_pin_problems(runtime, runtime) == []
