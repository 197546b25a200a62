"""A small spreadsheet recalculator for tests: every formula of a workbook, recomputed.

Samordna's workbooks use a few formula shapes only: ``=SUM(ranges and cells)``,
``=MAX(...)``/``=MIN(...)``, cell references (also to another sheet, ``'Intäkter'!B12``),
numbers, ``+ - * /`` and parentheses. :func:`recalculate` loads a workbook twice with
openpyxl (formulas, and the values stored beside them), evaluates each formula from
the cells it refers to (recursively, so a total of totals works) and returns every
formula cell whose stored value differs from the recomputed one by more than half an
öre. A formula outside this grammar raises, so a new shape cannot slip through unchecked.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import openpyxl
from openpyxl.utils import column_index_from_string, get_column_letter

TOKEN = re.compile(
    r"\s*(?:(?P<ref>(?:'(?P<qsheet>[^']+)'!|(?P<sheet>[A-Za-z_][\w.]*)!)?"
    r"\$?(?P<col>[A-Z]{1,3})\$?(?P<row>\d+)(?::\$?(?P<col2>[A-Z]{1,3})\$?(?P<row2>\d+))?)"
    r"|(?P<func>SUM|MAX|MIN)\("
    r"|(?P<num>\d+(?:\.\d+)?)"
    r"|(?P<op>[-+*/(),]))"
)


@dataclass
class Mismatch:
    sheet: str
    cell: str
    formula: str
    stored: Any
    computed: Decimal


class Recalculator:
    """Evaluates the formulas of one workbook."""

    def __init__(self, data: bytes) -> None:
        self.formulas = openpyxl.load_workbook(io.BytesIO(data))
        self.values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        self.cache: dict[tuple[str, str], Decimal] = {}
        self.count = 0

    def formula_cells(self) -> list[tuple[str, str, str]]:
        """(sheet, cell, formula) of every formula in the workbook."""
        found = []
        for ws in self.formulas.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and cell.value.startswith("="):
                        found.append((ws.title, cell.coordinate, cell.value))
        return found

    def value(self, sheet: str, cell: str) -> Decimal:
        """A cell's value: recomputed if it is a formula, else the number stored (blank 0)."""
        key = (sheet, cell)
        if key in self.cache:
            return self.cache[key]
        raw = self.formulas[sheet][cell].value
        if isinstance(raw, str) and raw.startswith("="):
            result = self.evaluate(sheet, raw[1:])
        elif raw is None or isinstance(raw, str):
            result = Decimal(0)  # text and blanks count as 0 in SUM and +/-
        else:
            result = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
        self.cache[key] = result
        return result

    def evaluate(self, sheet: str, text: str) -> Decimal:
        """One formula's value (without its '=')."""
        self.count += 1
        tokens = self._tokens(text)
        parser = _Parser(tokens, self, sheet)
        result = parser.expression()
        if parser.pos != len(tokens):
            raise ValueError(f"cannot read the formula ={text} (at {tokens[parser.pos :]})")
        return result

    @staticmethod
    def _tokens(text: str) -> list[re.Match[str]]:
        tokens, pos = [], 0
        while pos < len(text):
            if text[pos:].strip() == "":
                break
            match = TOKEN.match(text, pos)
            if not match or match.end() == pos:
                raise ValueError(f"unsupported formula ={text} at {text[pos:]!r}")
            tokens.append(match)
            pos = match.end()
        return tokens

    def cells(self, match: re.Match[str], sheet: str) -> list[Decimal]:
        """The values of a reference or a range."""
        target = match["qsheet"] or match["sheet"] or sheet
        if target not in self.formulas.sheetnames:
            raise ValueError(f"formula refers to a missing sheet {target!r}")
        if not match["col2"]:
            return [self.value(target, f"{match['col']}{match['row']}")]
        c1, c2 = column_index_from_string(match["col"]), column_index_from_string(match["col2"])
        r1, r2 = int(match["row"]), int(match["row2"])
        return [
            self.value(target, f"{get_column_letter(c)}{r}")
            for r in range(min(r1, r2), max(r1, r2) + 1)
            for c in range(min(c1, c2), max(c1, c2) + 1)
        ]

    def mismatches(self) -> list[Mismatch]:
        """Formula cells whose stored value is not what the formula computes."""
        found = []
        for sheet, cell, formula in self.formula_cells():
            computed = self.value(sheet, cell)
            stored = self.values[sheet][cell].value
            number = Decimal(repr(stored)) if isinstance(stored, float) else stored
            if not isinstance(number, (int, Decimal)) or abs(number - computed) > Decimal("0.005"):
                found.append(Mismatch(sheet, cell, formula, stored, computed))
        return found


class _Parser:
    """Recursive descent over the tokens: expression := term (+|- term)*, and so on."""

    def __init__(self, tokens: list[re.Match[str]], book: Recalculator, sheet: str) -> None:
        self.tokens, self.book, self.sheet, self.pos = tokens, book, sheet, 0

    def _op(self, *ops: str) -> str | None:
        if self.pos < len(self.tokens) and self.tokens[self.pos]["op"] in ops:
            self.pos += 1
            return self.tokens[self.pos - 1]["op"]
        return None

    def expression(self) -> Decimal:
        value = self.term()
        while op := self._op("+", "-"):
            value = value + self.term() if op == "+" else value - self.term()
        return value

    def term(self) -> Decimal:
        value = self.factor()
        while op := self._op("*", "/"):
            value = value * self.factor() if op == "*" else value / self.factor()
        return value

    def factor(self) -> Decimal:
        if self._op("-"):
            return -self.factor()
        if self._op("+"):
            return self.factor()
        if self._op("("):
            value = self.expression()
            self._expect(")")
            return value
        if self.pos >= len(self.tokens):
            raise ValueError("formula ends too early")
        token = self.tokens[self.pos]
        self.pos += 1
        if token["num"]:
            return Decimal(token["num"])
        if token["ref"]:
            values = self.book.cells(token, self.sheet)
            if len(values) != 1:
                raise ValueError("a range outside a function")
            return values[0]
        if token["func"]:
            args = self._arguments()
            if token["func"] == "SUM":
                return sum(args, Decimal(0))
            return max(args) if token["func"] == "MAX" else min(args)
        raise ValueError(f"unexpected {token.group(0)!r}")

    def _arguments(self) -> list[Decimal]:
        args: list[Decimal] = []
        if self._op(")"):
            return args
        while True:
            token = self.tokens[self.pos] if self.pos < len(self.tokens) else None
            if token is not None and token["ref"] and token["col2"]:
                self.pos += 1
                args += self.book.cells(token, self.sheet)
            else:
                args.append(self.expression())
            if self._op(")"):
                return args
            self._expect(",")

    def _expect(self, op: str) -> None:
        if not self._op(op):
            raise ValueError(f"expected {op!r}")


def recalculate(data: bytes) -> tuple[int, list[Mismatch]]:
    """(number of formulas, the mismatches) of an .xlsx file's bytes."""
    book = Recalculator(data)
    mismatches = book.mismatches()
    return len(book.formula_cells()), mismatches


def assert_recalculates(data: bytes) -> int:
    """Every formula recomputes to the value stored; returns how many formulas there are."""
    count, mismatches = recalculate(data)
    assert not mismatches, mismatches[:10]
    return count
