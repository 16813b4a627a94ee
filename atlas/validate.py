"""Check every record: its schema, then the rules that span files.

Messages are for contributors editing YAML: `path:line:col: field: message`, the
field named by its schema title, a "did you mean" for a near-miss id, all problems
in one run.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import jsonschema_rs

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

from .records import RECORD_KINDS, Problem, Record, RecordSet, load_schemas, read_records
from .sdg import load_sdg_framework
from .source_rules import BlockedHosts, host_of, read_blocked_hosts
from .yaml_source import Position

# Rules that need a message a schema keyword cannot give carry "x-message".
CUSTOM_MESSAGE_KEY = "x-message"
# A rule about one field that a schema can only state on another carries "x-report-at": the name of
# the sibling field the problem is reported at (a verified status without an official source is
# checked on `sources` but is the status's fault).
REPORT_AT_KEY = "x-report-at"


def _today() -> datetime.date:
    return datetime.date.today()


def _date_problem(value: str) -> str | None:
    try:
        date = datetime.date.fromisoformat(value)
    except ValueError:
        return "is not a real calendar date; write YYYY-MM-DD"
    if date > _today():
        return f"is in the future (today is {_today().isoformat()})"
    return None


def _inline_references(node, schema_file: str):
    """The schema with every $ref replaced by its target (sibling keywords such as a title win).

    The record schemas are not recursive, so this terminates; a validator over the result never
    looks references up, which was half of the time spent validating.
    """
    if isinstance(node, list):
        return [_inline_references(item, schema_file) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target_file, _, pointer = str(node["$ref"]).partition("#")
        target_file = target_file or schema_file
        target = load_schemas()[target_file]
        for part in [p for p in pointer.split("/") if p]:
            target = target[part]
        siblings = {key: value for key, value in node.items() if key != "$ref"}
        return {**_inline_references(target, target_file), **_inline_references(siblings, schema_file)}
    return {key: _inline_references(value, schema_file) for key, value in node.items() if key != "$defs"}


def _format_checks() -> dict:
    """The formats both engines check: dates (real, not in the future). Addresses are checked by
    _check_addresses with clearer messages, so "uri" is accepted here by both."""
    return {"date": lambda value: not isinstance(value, str) or _date_problem(value) is None, "uri": lambda value: True}


@cache
def _build_fast_validators() -> dict:
    """Compiled validators (jsonschema-rs) that answer "valid or not" quickly; jsonschema then
    explains only the records that fail. tests/test_validator_property.py checks they agree."""
    return {
        kind: jsonschema_rs.validator_for(
            _inline_references(load_schemas()[spec.schema_file], spec.schema_file),
            formats=_format_checks(),
            validate_formats=True,
        )
        for kind, spec in RECORD_KINDS.items()
    }


@cache
def _build_validators() -> dict[str, Draft202012Validator]:
    """jsonschema validators, for their detailed messages. Imported only when a record fails the
    fast check: most builds never need them, and importing jsonschema takes about 0.1 s."""
    from jsonschema import Draft202012Validator, FormatChecker

    format_checker = FormatChecker(formats=())
    for name, check in _format_checks().items():
        format_checker.checks(name)(check)
    validators = {}
    for kind, spec in RECORD_KINDS.items():
        schema = _inline_references(load_schemas()[spec.schema_file], spec.schema_file)
        validators[kind] = Draft202012Validator(schema, format_checker=format_checker)
    return validators


def _field_path(path: Iterable) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _title_at(schema: dict, path: tuple) -> str | None:
    """The title a validator's schema (references already inlined) gives the field at an instance path."""
    node = schema
    for part in path:
        node = node.get("items", {}) if isinstance(part, int) else node.get("properties", {}).get(part)
        if not isinstance(node, dict):
            return None
    return node.get("title")


def _shown(value) -> str:
    """A value quoted for a one-line message: control characters are written as escapes."""
    text = str(value)
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        return repr(text)
    return f"'{text}'"


def _describe_type(value) -> str:
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a mapping of fields",
        type(None): "nothing (an empty value)",
    }.get(type(value), type(value).__name__)


_EXPECTED = {
    "string": "text",
    "array": "a list",
    "object": "a mapping of fields (key: value)",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
}

_PATTERN_HINTS = {
    "id": "must be lower-case words joined by hyphens, such as los-angeles-county",
    "date": "must be a date written YYYY-MM-DD",
    "https_url": "must be an absolute https:// address",
    "source_url": "must be an absolute https:// or http:// address, written as the publisher serves it",
    "sdg_target_id": 'must be an SDG target number in quotes, such as "11.1" or "4.a"',
    "short_text": "must be one line of text without control characters",
    "plain_text": "must be text without control characters (tabs and line breaks are fine)",
}


def _friendly_message(error: ValidationError, root_schema: dict) -> str:
    custom = error.schema.get(CUSTOM_MESSAGE_KEY) if isinstance(error.schema, dict) else None
    if custom:
        return custom
    keyword = error.validator
    value = error.instance
    if keyword == "required":
        missing = next(name for name in error.validator_value if name not in error.instance)
        title = _title_at(root_schema, tuple(error.absolute_path) + (missing,))
        return f"missing required field '{missing}'" + (f" ({title})" if title else "")
    if keyword == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extras = sorted(set(value) - set(allowed), key=str) if isinstance(value, dict) else []
        parts = []
        for extra in extras:
            hint = difflib.get_close_matches(str(extra), allowed, n=1)
            parts.append(f"unknown field '{extra}'" + (f"; did you mean '{hint[0]}'?" if hint else ""))
        return "; ".join(parts) + f" (allowed: {', '.join(allowed)})"
    if keyword == "enum":
        options = [str(option) for option in error.validator_value]
        hint = difflib.get_close_matches(str(value), options, n=1)
        return f"'{value}' is not allowed; use one of: {', '.join(options)}" + (f" (did you mean '{hint[0]}'?)" if hint else "")
    if keyword == "const":
        return f"must be '{error.validator_value}'"
    if keyword == "type":
        expected = _EXPECTED.get(error.validator_value, str(error.validator_value))
        message = f"must be {expected}, found {_describe_type(value)}"
        if error.validator_value == "string" and isinstance(value, (int, float, bool)):
            message += ": put the value in quotes"
        return message
    if keyword == "pattern":
        for def_name, hint in _PATTERN_HINTS.items():
            if error.schema.get("pattern") == load_schemas()["common.schema.json"]["$defs"][def_name]["pattern"]:
                return f"{_shown(value)} {hint}"
        return f"{_shown(value)} does not have the expected form"
    if keyword == "format" and error.validator_value == "date":
        return f"{_shown(value)} {_date_problem(value) or 'is not a valid date'}"
    if keyword == "minItems":
        if error.path and error.path[-1] == "sources":
            return "needs at least one source: list a document that states this claim"
        return f"needs at least {error.validator_value} item(s)"
    if keyword == "minLength":
        return "must not be empty"
    if keyword == "maxLength":
        return f"is too long ({len(value):,} characters; at most {error.validator_value:,})"
    if keyword == "uniqueItems":
        return "lists the same item twice"
    return error.message


def _leaf_errors(error: ValidationError) -> Iterator[ValidationError]:
    """anyOf/oneOf wrap the real errors; report those."""
    if error.context and error.validator in {"anyOf", "oneOf"}:
        for child in error.context:
            yield from _leaf_errors(child)
    else:
        yield error


def schema_problems(record: Record, validator: Draft202012Validator) -> list[Problem]:
    if record.data is None:
        return []  # the YAML itself was unreadable; that problem is already reported
    if not isinstance(record.data, dict):
        return [
            Problem(
                record.path,
                record.loaded.position_of(()),
                "",
                f"a record must be a mapping of fields (key: value), found {_describe_type(record.data)}",
            )
        ]
    problems = []
    for error in validator.iter_errors(record.data):
        for leaf in _leaf_errors(error):
            path = tuple(leaf.absolute_path)
            if leaf.validator == "additionalProperties" and isinstance(leaf.instance, dict):
                allowed = set(leaf.schema.get("properties", {}))
                extras = [key for key in leaf.instance if key not in allowed]
                first_extra = path + (extras[0],) if extras else path
                position = record.loaded.key_position_of(first_extra) or record.loaded.position_of(path)
            else:
                report_at = leaf.schema.get(REPORT_AT_KEY) if isinstance(leaf.schema, dict) else None
                if report_at and path:
                    path = path[:-1] + (report_at,)
                position = record.loaded.position_of(path)
            title = _title_at(validator.schema, path) if leaf.validator not in {"required", "additionalProperties"} else None
            field = _field_path(path)
            label = f"{field} ({title})" if title and field else field
            problems.append(Problem(record.path, position, label, _friendly_message(leaf, validator.schema)))
    return problems


# --- rules across files -------------------------------------------------------------


def _sdg_target_ids(data_dir: Path) -> set[str] | None:
    """The official target numbers, or None when the reference copy cannot be read."""
    try:
        return set(load_sdg_framework(data_dir).targets)
    except (OSError, ValueError):
        return None


class _Checker:
    """Collects cross-file problems for one record set."""

    def __init__(self, records: RecordSet):
        self.records = records
        self.problems: list[Problem] = []
        self.ids = {kind: set(by_id) for kind, by_id in records.records.items()}
        self.sdg_targets = _sdg_target_ids(records.data_dir)
        self.url_fields = _url_fields()
        rules = read_blocked_hosts(records.data_dir)
        self.blocked_hosts: BlockedHosts = rules.blocked
        self.problems.extend(Problem(rules.path, position, field, message) for position, field, message in rules.problems)
        self._paragraphs: dict[tuple[str, str], list[tuple[str, str | None]]] | None = None

    def report(self, record: Record, path: tuple, message: str, title: str | None = None) -> None:
        label = _field_path(path) + (f" ({title})" if title else "")
        self.problems.append(Problem(record.path, record.loaded.position_of(path), label, message))

    def reference(self, record: Record, path: tuple, value, known: set[str], what: str) -> None:
        if not isinstance(value, str) or value in known:
            return
        hint = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
        suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
        self.report(record, path, f"no {what} with id '{value}'{suggestion}")


def _list(data: dict, key: str) -> list:
    """A list field, or [] when it is missing or mistyped (the schema reports that)."""
    value = data.get(key)
    return value if isinstance(value, list) else []


def _items(data: dict, key: str) -> Iterator[tuple[int, dict]]:
    value = data.get(key)
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


def _check_ids(checker: _Checker, record: Record) -> None:
    record_id = record.data.get("id")
    if isinstance(record_id, str) and record_id != record.id:
        checker.report(record, ("id",), f"id '{record_id}' must equal the file name '{record.id}'")


@cache
def _url_fields() -> frozenset[str]:
    """Names of every field the schemas type as a web address (the schema decides, not Python)."""
    names: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            for name, prop in (node.get("properties") or {}).items():
                if isinstance(prop, dict) and str(prop.get("$ref", "")).endswith(("#/$defs/https_url", "#/$defs/source_url")):
                    names.add(name)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(load_schemas())
    return frozenset(names)


def _url_problem(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return f"{_shown(url)} is not a well-formed address"
    host = (parts.hostname or "").strip(".")
    if "." not in host:
        return f"{_shown(url)} has no valid host name"
    return None


def _blocked_source_problem(blocked_hosts: BlockedHosts, url: str) -> str | None:
    host = host_of(url) if blocked_hosts else None
    entry = blocked_hosts.entry_for_host(host) if host else None
    if entry is None:
        return None
    return (
        f"{host} is not an acceptable source: {entry.reason_text}. Cite the official publisher (the government or "
        "body itself, the legislature or its official code publisher, a court, the UN) or a scholarly, "
        "civil-society or press source that states the claim"
    )


def _check_addresses(checker: _Checker, record: Record, node, path: tuple = ()) -> None:
    """Every address field: well-formed with a real host; no address twice in one claim's sources;
    no source on a blocked host (data/source-rules/blocked-hosts.yaml)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in checker.url_fields and isinstance(value, str) and value.startswith(("https://", "http://")):
                problem = _url_problem(value)
                if problem:
                    checker.report(record, path + (key,), problem)
            if key == "sources" and isinstance(value, list):
                seen: dict[str, int] = {}
                for index, source in enumerate(value):
                    url = source.get("url") if isinstance(source, dict) else None
                    if not isinstance(url, str):
                        continue
                    blocked = _blocked_source_problem(checker.blocked_hosts, url)
                    if blocked:
                        checker.report(record, path + (key, index, "url"), blocked, title="Source address")
                    if url in seen:
                        checker.report(
                            record, path + (key, index, "url"), f"the same source address is listed twice (also item {seen[url]})"
                        )
                    seen.setdefault(url, index)
            _check_addresses(checker, record, value, path + (key,))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            _check_addresses(checker, record, item, path + (index,))


def _check_right(checker: _Checker, record: Record) -> None:
    for index, article in _items(record.data, "articles"):
        checker.reference(
            record, ("articles", index, "instrument"), article.get("instrument"), checker.ids["instruments"], "instrument"
        )


def _check_sdg_target(checker: _Checker, record: Record) -> None:
    target = record.data.get("target")
    if isinstance(target, str) and checker.sdg_targets is not None:
        if target not in checker.sdg_targets:
            checker.report(record, ("target",), f"'{target}' is not an official SDG target")
        elif target.replace(".", "-") != record.id:
            checker.report(record, ("target",), f"target '{target}' belongs in a file named {target.replace('.', '-')}.yaml")
    seen: set[str] = set()
    for index, link in _items(record.data, "rights"):
        right = link.get("right")
        checker.reference(record, ("rights", index, "right"), right, checker.ids["rights"], "right")
        if isinstance(right, str):
            if right in seen:
                checker.report(record, ("rights", index, "right"), f"right '{right}' is linked twice")
            seen.add(right)
        for article_index, article in _items(link, "articles"):
            checker.reference(
                record,
                ("rights", index, "articles", article_index, "instrument"),
                article.get("instrument"),
                checker.ids["instruments"],
                "instrument",
            )


def _check_jurisdiction(checker: _Checker, record: Record) -> None:
    data = record.data
    jurisdiction_ids = checker.ids["jurisdictions"]
    for key in ("within", "overlaps"):
        for index, other in enumerate(_list(data, key)):
            checker.reference(record, (key, index), other, jurisdiction_ids, "jurisdiction")
            if other == record.id:
                checker.report(record, (key, index), "a jurisdiction cannot list itself")
    body_ids: dict[str, int] = {}
    for index, body in _items(data, "bodies"):
        body_id = body.get("id")
        if not isinstance(body_id, str):
            continue
        if body_id in body_ids:
            checker.report(
                record, ("bodies", index, "id"), f"body id '{body_id}' is used twice (also bodies[{body_ids[body_id]}])"
            )
        body_ids.setdefault(body_id, index)
    for index, obligation in _items(data, "obligations"):
        checker.reference(record, ("obligations", index, "right"), obligation.get("right"), checker.ids["rights"], "right")
        checker.reference(
            record, ("obligations", index, "body"), obligation.get("body"), set(body_ids), "body in this record's bodies"
        )
    for index, route in _items(data, "accountability"):
        if "body" in route:
            checker.reference(
                record, ("accountability", index, "body"), route.get("body"), set(body_ids), "body in this record's bodies"
            )
    for index, commitment in _items(data, "commitments"):
        for i, instrument in enumerate(_list(commitment, "instruments")):
            checker.reference(
                record, ("commitments", index, "instruments", i), instrument, checker.ids["instruments"], "instrument"
            )
    for index, preemption in _items(data, "preemptions"):
        for i, right in enumerate(_list(preemption, "rights")):
            checker.reference(record, ("preemptions", index, "rights", i), right, checker.ids["rights"], "right")
        for i, target in enumerate(_list(preemption, "applies_to")):
            checker.reference(record, ("preemptions", index, "applies_to", i), target, jurisdiction_ids, "jurisdiction")
    assignments = list(_items(data, "assignments"))
    if assignments and data.get("level") != "state":
        checker.report(
            record, ("assignments",), "only a state record can assign duties to every county, city or township in it"
        )
    for index, assignment in assignments:
        checker.reference(record, ("assignments", index, "right"), assignment.get("right"), checker.ids["rights"], "right")


def document_id_for(symbol: str) -> str:
    """The id a UN document's file must have: its symbol in lower case, '/' and '.' written as '-'."""
    return symbol.lower().replace("/", "-").replace(".", "-")


def _check_un_document(checker: _Checker, record: Record) -> None:
    data = record.data
    symbol = data.get("symbol")
    well_formed = re.search(load_schemas()["un-document.schema.json"]["properties"]["symbol"]["pattern"], str(symbol))
    if isinstance(symbol, str) and well_formed and document_id_for(symbol) != record.id:  # else the schema reports it
        checker.report(record, ("symbol",), f"symbol '{symbol}' belongs in a file named {document_id_for(symbol)}.yaml")
    checker.reference(record, ("instrument",), data.get("instrument"), checker.ids["instruments"], "instrument")
    responds_to = data.get("responds_to")
    checker.reference(record, ("responds_to",), responds_to, checker.ids["un-documents"], "UN document")
    if responds_to == record.id:
        checker.report(record, ("responds_to",), "a document cannot respond to itself")


def _recommendation_paragraphs(checker: _Checker) -> dict[tuple[str, str], list[tuple[str, str | None]]]:
    """Every (document, paragraph) recorded, with the (record id, sub-paragraph) of each record, by id."""
    if checker._paragraphs is None:
        paragraphs: dict[tuple[str, str], list[tuple[str, str | None]]] = {}
        for rid, other in sorted(checker.records.of_kind("recommendations").items()):
            data = other.data if isinstance(other.data, dict) else {}
            document, paragraph = data.get("document"), data.get("paragraph")
            if isinstance(document, str) and isinstance(paragraph, str):
                sub = data.get("subparagraph")
                paragraphs.setdefault((document, paragraph), []).append((rid, sub if isinstance(sub, str) else None))
        checker._paragraphs = paragraphs
    return checker._paragraphs


def _paragraph_label(paragraph: str, sub: str | None) -> str:
    return f"paragraph {paragraph}" + (f" ({sub})" if sub else "")


def _check_recommendation(checker: _Checker, record: Record) -> None:
    data = record.data
    document_id = data.get("document")
    checker.reference(record, ("document",), document_id, checker.ids["un-documents"], "UN document")
    document = checker.records.of_kind("un-documents").get(document_id) if isinstance(document_id, str) else None
    document_data = document.data if document is not None and isinstance(document.data, dict) else {}
    mechanism = data.get("mechanism")
    expected = document_data.get("mechanism")
    known = load_schemas()["recommendation.schema.json"]["properties"]["mechanism"]["enum"]
    if mechanism in known and isinstance(expected, str) and mechanism != expected:  # else the schema reports it
        symbol = document_data.get("symbol")
        checker.report(record, ("mechanism",), f"'{mechanism}' does not match the document: {symbol} is a {expected} document")
    mechanism = expected if isinstance(expected, str) else mechanism
    paragraph = data.get("paragraph")
    if isinstance(paragraph, str) and isinstance(mechanism, str):
        dotted = "." in paragraph
        if mechanism == "upr" and not dotted:
            message = "a UPR recommendation's number has a dot, such as \"26.112\""
            checker.report(record, ("paragraph",), f"'{paragraph}': {message}")
        elif mechanism != "upr" and dotted:
            message = "paragraphs of concluding observations are whole numbers, such as \"31\""
            checker.report(record, ("paragraph",), f"'{paragraph}': {message}")
    if isinstance(mechanism, str) and mechanism != "upr":
        for key in ("recommending_states", "us_response"):
            if key in data:
                checker.report(record, (key,), "only a UPR recommendation has this field")
    text = data.get("text")
    if data.get("excerpt") is True and isinstance(text, str) and "…" not in text and "..." not in text:
        checker.report(record, ("text",), "quoted in part (excerpt: true): mark the omitted words with an ellipsis (…)")
    for index, right in enumerate(_list(data, "rights")):
        checker.reference(record, ("rights", index), right, checker.ids["rights"], "right")
    seen_levels: dict[str, int] = {}
    for index, item in _items(data, "levels"):
        level = item.get("level")
        if not isinstance(level, str):
            continue
        if level in seen_levels:
            message = f"level '{level}' is listed twice (also levels[{seen_levels[level]}])"
            checker.report(record, ("levels", index, "level"), message)
        seen_levels.setdefault(level, index)
    if isinstance(document_id, str) and isinstance(paragraph, str):
        sub = data.get("subparagraph") if isinstance(data.get("subparagraph"), str) else None
        symbol = document_data.get("symbol", document_id)
        for other_id, other_sub in _recommendation_paragraphs(checker)[(document_id, paragraph)]:
            if other_id == record.id:
                break
            if other_sub == sub or other_sub is None or sub is None:
                field = ("subparagraph",) if sub else ("paragraph",)
                what = _paragraph_label(paragraph, sub)
                overlap = "" if other_sub == sub else f" (as {_paragraph_label(paragraph, other_sub)})"
                checker.report(record, field, f"{what} of {symbol} is already recorded in {other_id}.yaml{overlap}")
                break


def _check_containment(checker: _Checker) -> None:
    """No cycles in `within`; every city, county and special district lies within a state."""
    jurisdictions = {
        rid: record for rid, record in checker.records.of_kind("jurisdictions").items() if isinstance(record.data, dict)
    }

    def parents(rid: str) -> list[str]:
        return [p for p in _list(jurisdictions[rid].data, "within") if isinstance(p, str) and p in jurisdictions]

    def acts_as_state(rid: str) -> bool:
        data = jurisdictions[rid].data
        return data.get("level") == "state" or "state" in _list(data, "acts_as")

    for rid, record in sorted(jurisdictions.items()):
        seen, stack, reaches_state, cycle = set(), list(parents(rid)), False, False
        while stack:
            current = stack.pop()
            if current == rid:
                cycle = True
                break
            if current in seen:
                continue
            seen.add(current)
            reaches_state = reaches_state or acts_as_state(current)
            stack.extend(parents(current))
        if cycle:
            checker.report(record, ("within",), "'within' leads back to this jurisdiction: containment cannot be circular")
        elif record.data.get("level") in {"city", "county", "special-district", "consolidated-city-county"}:
            if not acts_as_state(rid) and not reaches_state:
                checker.report(record, ("within",), "must lie within a state: list its county or state in 'within'")


_KIND_CHECKS = {
    "rights": _check_right,
    "sdg-targets": _check_sdg_target,
    "jurisdictions": _check_jurisdiction,
    "un-documents": _check_un_document,
    "recommendations": _check_recommendation,
}


def cross_record_problems(records: RecordSet) -> list[Problem]:
    checker = _Checker(records)
    if checker.sdg_targets is None:
        reference = records.data_dir / "sdg" / "targets.yml"
        checker.problems.append(
            Problem(
                reference,
                Position(1, 1),
                "",
                "the UN SDG reference text is missing or unreadable: data/sdg/ must hold the files listed in its SOURCE.md",
            )
        )
    for kind, by_id in records.records.items():
        for record in by_id.values():
            if not isinstance(record.data, dict):
                continue
            _check_ids(checker, record)
            _check_addresses(checker, record, record.data)
            if kind in _KIND_CHECKS:
                _KIND_CHECKS[kind](checker, record)
    _check_containment(checker)
    return checker.problems


def validate_records(records: RecordSet) -> list[Problem]:
    """All problems in a record set, sorted by file and line, each reported once."""
    fast = _build_fast_validators()
    problems = list(records.problems)
    for kind, by_id in records.records.items():
        for record in by_id.values():
            if isinstance(record.data, dict) and fast[kind].is_valid(record.data):
                continue
            problems.extend(schema_problems(record, _build_validators()[kind]))
    problems.extend(cross_record_problems(records))
    unique = {(p.path, p.position, p.field, p.message): p for p in problems}
    return sorted(unique.values(), key=Problem.sort_key)


def validate_data_dir(data_dir: Path) -> tuple[RecordSet, list[Problem]]:
    records = read_records(data_dir)
    return records, validate_records(records)


def format_problem(problem: Problem, root: Path | None = None, github: bool = False) -> str:
    path = problem.path
    if root is not None:
        try:
            path = path.resolve().relative_to(root.resolve())
        except ValueError:
            pass
    field = f"{problem.field}: " if problem.field else ""
    if github:
        message = (field + problem.message).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={path},line={problem.position.line},col={problem.position.column}::{message}"
    # One problem, one line: a value's line breaks must not forge further lines (or CI commands).
    line = f"{path}:{problem.position.line}:{problem.position.column}: {field}{problem.message}"
    return line.replace("\n", "\\n").replace("\r", "\\r")


def summary_line(problems: list[Problem]) -> str:
    files = len({p.path for p in problems})
    noun = "problem" if len(problems) == 1 else "problems"
    return f"{len(problems)} {noun} in {files} file{'s' if files != 1 else ''}"
