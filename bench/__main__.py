"""``python -m bench [NAME ...] [options]``: run the benchmarks found in bench/.

Without names the page benchmark runs (what ``make bench`` is for); ``all`` runs
every benchmark. Each prints a markdown table; unless ``--no-docs`` is given, its
section of docs/benchmarks.md is rewritten.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import pkgutil
import sys
from types import ModuleType

import bench

DEFAULT = ("pages",)


def is_benchmark(module: ModuleType) -> bool:
    """``BENCHMARK = True/False`` decides; else a ``run`` taking just ``args``.

    Helper modules (say, a load driver with its own ``run(base, path, ...)``) are
    therefore not mistaken for benchmarks.
    """
    marker = getattr(module, "BENCHMARK", None)
    if marker is not None:
        return bool(marker)
    run = getattr(module, "run", None)
    if not callable(run):
        return False
    parameters = list(inspect.signature(run).parameters.values())
    return len(parameters) == 1 and parameters[0].name == "args"


def discover() -> dict[str, ModuleType]:
    """The benchmark modules of this package, by name."""
    found = {}
    for info in sorted(pkgutil.iter_modules(bench.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"bench.{info.name}")
        if is_benchmark(module):
            found[info.name] = module
    return found


def main(argv: list[str] | None = None) -> int:
    modules = discover()
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help=f"'all' or some of {sorted(modules)} (pages)"
    )
    parser.add_argument("--no-docs", action="store_true", help="do not touch docs/benchmarks.md")
    for module in modules.values():
        if hasattr(module, "add_arguments"):
            module.add_arguments(parser)
    args = parser.parse_args(argv)
    names = list(modules) if "all" in args.names else args.names or list(DEFAULT)
    unknown = sorted(set(names) - set(modules))
    if unknown:
        parser.error(f"unknown benchmark(s) {unknown}; choose from {sorted(modules)}")
    for name in names:
        module = modules[name]
        print(f"## {name}  ({bench.machine()})", flush=True)
        rows = module.run(args)
        print(bench.markdown_table(rows), flush=True)
        if not args.no_docs and hasattr(module, "report"):
            bench.write_section(name, module.report(rows, args))
            print(f"(written to {bench.DOCS.relative_to(bench.ROOT)})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
