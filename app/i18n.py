"""Swedish UI through Flask-Babel: locale choice and building the catalog.

Source strings are English. Swedish translations live in small per-area
catalogs, ``app/translations/sv/*.po``, so that each area keeps its own;
``python -m app.i18n`` (run by ``make``) merges them into the compiled
``messages.mo`` that Flask-Babel loads. The .mo file is never committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from flask import current_app, has_request_context, request, session
from flask_login import current_user

TRANSLATIONS = Path(__file__).resolve().parent / "translations"


def select_locale() -> str:
    """The user's chosen language, else the session's, else Swedish."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(["sv"]) or current_app.config["BABEL_DEFAULT_LOCALE"]


def merged_catalog(language: str = "sv") -> Catalog:
    """All fragments of one language as one catalog; a message defined twice must agree."""
    merged = Catalog(locale=language, domain="messages")
    for path in sorted((TRANSLATIONS / language).glob("*.po")):
        with path.open("rb") as handle:
            fragment = read_po(handle, locale=language)
        for message in fragment:
            if not message.id:
                continue
            existing = merged.get(message.id, message.context)
            if existing is not None and existing.string != message.string:
                raise ValueError(f"{path.name}: {message.id!r} translated differently elsewhere")
            merged.add(message.id, message.string, context=message.context)
    return merged


def compile_catalogs() -> list[Path]:
    """Write ``<lang>/LC_MESSAGES/messages.mo`` for every language folder with fragments."""
    written = []
    for folder in sorted(p for p in TRANSLATIONS.iterdir() if p.is_dir()):
        catalog = merged_catalog(folder.name)
        target = folder / "LC_MESSAGES" / "messages.mo"
        target.parent.mkdir(exist_ok=True)
        with target.open("wb") as handle:
            write_mo(handle, catalog)
        written.append(target)
    return written


def extracted_messages() -> dict[str, str]:
    """Every translatable string in code and templates → the first place it appears.

    Walks the tree itself: Babel's extract_from_dir skips folders starting with
    "_", such as templates/_macros.
    """
    root = TRANSLATIONS.parent.parent
    keywords = {"_": None, "_l": None, "gettext": None, "lazy_gettext": None}
    sources = [
        (pattern, "python") for pattern in ("app/**/*.py", "forms/**/*.py", "models/**/*.py")
    ]
    sources.append(("templates/**/*.html", "jinja2"))
    found: dict[str, str] = {}
    for pattern, method in sources:
        for path in sorted(root.glob(pattern)):
            for lineno, message, _comments, _context in extract_from_file(
                method, str(path), keywords=keywords
            ):
                ids = message if isinstance(message, tuple) else (message,)
                for msgid in ids:
                    if msgid:
                        found.setdefault(msgid, f"{path.relative_to(root)}:{lineno}")
    return found


def missing_translations(language: str = "sv") -> dict[str, str]:
    """Strings in the code that the language's catalog does not translate."""
    catalog = merged_catalog(language)
    return {
        msgid: where
        for msgid, where in extracted_messages().items()
        if not (catalog.get(msgid) and catalog.get(msgid).string)
    }


def add_translations(fragment: str, pairs: list[tuple[str, str]], language: str = "sv") -> Path:
    """Add or update translations in one area's fragment (a developer's convenience)."""
    path = TRANSLATIONS / language / f"{fragment}.po"
    if path.exists():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
    else:
        catalog = Catalog(locale=language, project="Samordna")
    for msgid, msgstr in pairs:
        catalog.add(msgid, msgstr)
    with path.open("wb") as handle:
        write_po(handle, catalog, omit_header=False, sort_output=True, width=100)
    return path


def _po_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def main() -> None:
    """Command line: compile (default), `missing`, or `add AREA` with TSV on stdin."""
    if sys.argv[1:] == ["missing"]:
        # Prints a .po skeleton of what is untranslated, to paste into the right fragment.
        for msgid, where in sorted(missing_translations().items(), key=lambda i: i[1]):
            print(f'#: {where}\nmsgid "{_po_escape(msgid)}"\nmsgstr ""\n')
        sys.exit(0)
    if sys.argv[1:2] == ["add"] and len(sys.argv) == 3:
        # `python -m app.i18n add AREA < pairs.tsv`: lines "English<TAB>Swedish".
        rows = [line.rstrip("\n").split("\t") for line in sys.stdin if line.strip()]
        print(add_translations(sys.argv[2], [(r[0], r[1]) for r in rows if len(r) == 2]))
        sys.exit(0)
    for path in compile_catalogs():
        print(f"compiled {path.name} for {path.parent.parent.name}")
    sys.exit(0)


if __name__ == "__main__":
    main()
