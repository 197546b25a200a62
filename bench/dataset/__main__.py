"""``python -m bench.dataset --url URL [--scale 1] [--seed 1] [--years 20]``: create,
migrate and fill a database with the large data set."""

from __future__ import annotations

import argparse
import sys
import time

from bench.dataset import YEARS, generate, migrated_app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dataset", description=__doc__)
    parser.add_argument("--url", required=True, help="sqlite:////tmp/x.sqlite or postgresql://…")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--years", type=int, default=len(YEARS), help="the last N years (20)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    app = migrated_app(args.url)
    with app.app_context():
        migrated = time.perf_counter()
        counts = generate(args.scale, args.seed, years=args.years)
    done = time.perf_counter()
    for name, n in sorted(counts.items()):
        print(f"{name:28} {n:>8}")
    print(f"migrate {migrated - started:.1f} s, demo + data set {done - migrated:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
