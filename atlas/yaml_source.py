"""Read one YAML file into plain data plus the line and column of every value.

PyYAML silently keeps the last of two equal keys and turns unquoted dates into
date objects; records need neither, so this loader reports duplicate keys as
problems and keeps dates as the text the contributor wrote (the schema checks them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

MAX_FILE_BYTES = 1_000_000

try:  # libyaml's parser is several times faster; marks and resolvers behave the same.
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure-Python PyYAML build
    _BaseLoader = yaml.SafeLoader


_IMPLICIT_RESOLVERS = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.copy().items()
}


@lru_cache(maxsize=65536)
def _plain_scalar_tag(value: str) -> str:
    """The tag the safe loader gives an unquoted scalar (timestamps excluded). Records repeat the
    same values ("verified", dates, roles) thousands of times, so the regexes run once per value."""
    for tag, regexp in _IMPLICIT_RESOLVERS.get(value[:1], []) + _IMPLICIT_RESOLVERS.get(None, []):
        if regexp.match(value):
            return tag
    return "tag:yaml.org,2002:str"


class _RecordLoader(_BaseLoader):
    """SafeLoader that leaves timestamps as strings and resolves plain scalars through a cache."""

    def resolve(self, kind, value, implicit):
        # Same answers as yaml.resolver.Resolver.resolve, which this loader uses without path resolvers.
        if kind is yaml.ScalarNode:
            return _plain_scalar_tag(value) if implicit[0] else "tag:yaml.org,2002:str"
        return "tag:yaml.org,2002:seq" if kind is yaml.SequenceNode else "tag:yaml.org,2002:map"

FieldPath = tuple  # a path into the data: ("obligations", 0, "role")


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class LoadedYaml:
    data: object = None
    problems: list[tuple[Position, str]] = field(default_factory=list)
    # The text read, kept so that positions can be found when a problem needs one. Records have
    # thousands of values and almost never a problem, and keeping a parser mark for every value
    # made reading 10,000 obligations three times slower (the garbage collector scanned them all).
    text: str = field(default="", repr=False)
    _marks: _Marks | None = field(default=None, init=False, repr=False)

    def _marks_of_text(self) -> _Marks:
        if self._marks is None:
            self._marks = _Marks()
            loader = _RecordLoader(self.text)
            try:
                node = loader.get_single_node()
                if node is not None:
                    _build(node, (), LoadedYaml(), set(), loader, self._marks)
            except (yaml.YAMLError, ValueError, TypeError, RecursionError):
                pass  # the problem was reported when the text was first read; keep the marks found so far
            finally:
                loader.dispose()
        return self._marks

    def position_of(self, path: FieldPath) -> Position:
        """Position of the value at path, or of its nearest ancestor that exists."""
        marks = self._marks_of_text().values
        path = tuple(path)
        while path not in marks and path:
            path = path[:-1]
        return _position(marks[path]) if path in marks else Position(1, 1)

    def key_position_of(self, path: FieldPath) -> Position | None:
        mark = self._marks_of_text().keys.get(tuple(path))
        return _position(mark) if mark is not None else None


@dataclass
class _Marks:
    """Where each value (and each mapping key) starts, by path into the data."""

    values: dict[FieldPath, object] = field(default_factory=dict)
    keys: dict[FieldPath, object] = field(default_factory=dict)


def _position(mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_ALIAS_PROBLEM = "YAML anchors and aliases (&name, *name) are not allowed in records; write the value out"


def _build(node, path: FieldPath, out: LoadedYaml, seen: set[int], loader, marks: _Marks | None = None) -> object:
    """Turn a composed node into plain data, and record where each value starts when marks is given.

    Doing this ourselves instead of PyYAML's constructor halves the cost of reading a record,
    and lets us refuse what records never need: aliases (a few nested ones can expand into
    billions of nodes, a "YAML bomb"), explicit tags on collections, non-text keys, and
    duplicate keys (which PyYAML would silently resolve by keeping the last).
    """
    if marks is not None:
        marks.values.setdefault(path, node.start_mark)
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR:
            return node.value
        # Numbers, booleans and nulls, as the safe loader reads them; an unknown tag raises a YAMLError.
        constructor = loader.yaml_constructors.get(node.tag) or loader.yaml_constructors[None]
        return constructor(loader, node)
    if id(node) in seen:
        out.problems.append((_position(node.start_mark), _ALIAS_PROBLEM))
        return None
    seen.add(id(node))
    if node.tag not in (_MAP, _SEQ):
        out.problems.append((_position(node.start_mark), f"YAML tags such as {node.tag!r} are not allowed in records"))
        return None
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (index,), out, seen, loader, marks) for index, item in enumerate(node.value)]
    mapping: dict[str, object] = {}
    first_seen: dict[str, object] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
        key_mark = key_node.start_mark
        if key_node.tag != _STR:
            out.problems.append((_position(key_mark), f"field name {key!r} must be text (a name, not a number, date or list)"))
            continue
        if key in first_seen:
            out.problems.append((_position(key_mark), f"duplicate key '{key}' (first at line {first_seen[key].line + 1})"))
            continue
        first_seen[key] = key_mark
        child = path + (key,)
        if marks is not None:
            marks.keys[child] = key_mark
            # Point at the value when it is on the key's line, else at the key itself.
            value_mark = value_node.start_mark
            marks.values[child] = value_mark if value_mark.line == key_mark.line else key_mark
        mapping[key] = _build(value_node, child, out, seen, loader, marks)
    return mapping


def _describe_reader_error(error: yaml.reader.ReaderError, text: str) -> tuple[Position, str]:
    """A character YAML does not accept: its line and column, in one line (str(error) spans two)."""
    before = text[: error.position]
    line = before.count("\n") + 1
    column = error.position - (before.rfind("\n") + 1) + 1
    character = error.character if isinstance(error.character, str) else chr(error.character)
    return Position(line, column), f"YAML error: unacceptable character #x{ord(character):04x}: {error.reason}"


def _describe_yaml_error(error: yaml.YAMLError, text: str) -> tuple[Position, str]:
    if isinstance(error, yaml.reader.ReaderError):
        return _describe_reader_error(error, text)
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    position = _position(mark) if mark else Position(1, 1)
    problem = getattr(error, "problem", None) or str(error)
    lines = text.splitlines()
    if mark and mark.line < len(lines):
        line = lines[mark.line]
        indentation = line[: len(line) - len(line.lstrip(" \t"))]
        at_error = line[mark.column : mark.column + 1] == "\t"
        if "\t" in indentation or at_error:
            tab_column = (line.index("\t") if "\t" in indentation else mark.column) + 1
            return Position(position.line, tab_column), "YAML error: a tab character is used; indent with spaces"
    context = getattr(error, "context", None)
    message = f"{context}, {problem}" if context else problem
    return position, f"YAML error: {message}"


def parse_yaml_text(text: str) -> LoadedYaml:
    """Parse YAML text; every failure becomes a problem with a position, never an exception."""
    out = LoadedYaml(text=text)
    loader = _RecordLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            out.problems.append((Position(1, 1), "the file is empty; a record needs its fields"))
            return out
        data = _build(node, (), out, set(), loader)
        if not any(message == _ALIAS_PROBLEM for _, message in out.problems):
            out.data = data
    except yaml.YAMLError as error:
        out.problems.append(_describe_yaml_error(error, text))
        out.data = None
    except (ValueError, TypeError, RecursionError) as error:
        out.problems.append((Position(1, 1), f"YAML error: {error}"))
        out.data = None
    finally:
        loader.dispose()
    return out


def load_yaml_file(path: Path) -> LoadedYaml:
    """Read and parse a file, turning size and encoding faults into problems."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        out = LoadedYaml()
        out.problems.append(
            (Position(1, 1), f"the file is {size:,} bytes; a record file may be at most {MAX_FILE_BYTES:,} bytes")
        )
        return out
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        out = LoadedYaml()
        out.problems.append(
            (Position(line, column), f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x}); save it as UTF-8")
        )
        return out
    if text.startswith("\ufeff"):
        text = text[1:]
    return parse_yaml_text(text)
