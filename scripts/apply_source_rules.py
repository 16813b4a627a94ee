"""One-off fix-up: bring the records in line with the source rules (issue #13), editing the YAML text.

    .venv/bin/python scripts/apply_source_rules.py [--dry-run] [DATA_DIR]   # default: data/

For every record under DATA_DIR/jurisdictions, instruments, rights and sdg-targets:

1. removes every source whose address is on a host listed in
   DATA_DIR/source-rules/blocked-hosts.yaml (a list left empty becomes `sources: []`);
2. turns each claim that is `verified` but has no official source left (publisher_kind: official)
   into `unverified`, adding `note: No official source stating this claim has been cited yet.`
   when the claim has no note. Claims: obligations, commitments, accountability routes and
   preemptions of jurisdictions; the US status (its review_status) and each reservation,
   understanding or declaration of instruments.

Only those lines change: comments, quoting, folding and key order stay as written. Each edited file
is read back and compared with the intended data; a file whose edit would change anything else is
left alone and reported. Prints one line per change, `path:line: what`, then a count; exits 1 if
a file could not be edited.
"""

from __future__ import annotations

import argparse
import copy
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from atlas.records import DATA_DIR, RECORD_KINDS, record_files  # noqa: E402
from atlas.source_rules import BlockedHosts, read_blocked_hosts  # noqa: E402
from atlas.validate import summary_line, validate_data_dir  # noqa: E402
from atlas.yaml_source import parse_yaml_text  # noqa: E402

UNVERIFIED_NOTE = "No official source stating this claim has been cited yet."
# record kind -> {claim field: status field}; a list field holds many claims, a mapping one.
CLAIMS = {
    "jurisdictions": {
        "obligations": "status",
        "commitments": "status",
        "accountability": "status",
        "preemptions": "status",
        "assignments": "status",
    },
    "instruments": {"us_status": "review_status", "us_ruds": "status"},
}


@dataclass
class FileEdit:
    """Line-level edits of one file, in terms of its original lines (0-based), plus the data they intend."""

    path: Path
    lines: list[str]
    data: object  # the record as it should read after the edit
    deletions: list[tuple[int, int]] = field(default_factory=list)  # [first, last] lines of a removed item
    replacements: dict[int, str] = field(default_factory=dict)  # line -> new text
    insertions: dict[int, list[str]] = field(default_factory=dict)  # after line -> new lines
    messages: list[tuple[int, str]] = field(default_factory=list)  # (1-based line, what changed)

    @property
    def changed(self) -> bool:
        return bool(self.deletions or self.replacements or self.insertions)

    def new_text(self) -> str:
        out = []
        deleted = {line for first, last in self.deletions for line in range(first, last + 1)}
        for index, line in enumerate(self.lines):
            if index not in deleted:
                out.append(self.replacements.get(index, line))
            out.extend(self.insertions.get(index, []))
        return "".join(out)


def _mapping_get(node, key: str):
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return key_node, value_node
    return None, None


def _scalar(node) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _last_line(node, lines: list[str]) -> int:
    """The last line (0-based) a node's text occupies. A block node's end mark sits where the next
    token starts: on a later line, after nothing but indentation."""
    end = node.end_mark
    line = end.line
    while line > node.start_mark.line:
        text = lines[line][: end.column if line == end.line else None] if line < len(lines) else ""
        if not _blank_or_comment(text):
            break
        line -= 1
    return line


def _blank_or_comment(text: str) -> bool:
    """A line that belongs to no value: blank, or only a comment (kept: it may describe the next item)."""
    return not text.strip() or text.lstrip().startswith("#")


def _is_official(item_node) -> bool:
    return _scalar(_mapping_get(item_node, "publisher_kind")[1]) == "official"


def _remove_blocked_sources(edit: FileEdit, blocked: BlockedHosts, node, data, where: str) -> None:
    """Every `sources` list under node (data is the same subtree, as plain data, and is edited too)."""
    if isinstance(node, yaml.MappingNode) and isinstance(data, dict):
        for key_node, value_node in node.value:
            key = _scalar(key_node)
            if key == "sources" and isinstance(value_node, yaml.SequenceNode) and isinstance(data.get(key), list):
                _remove_from_list(edit, blocked, key_node, value_node, data[key], f"{where}.sources" if where else "sources")
            elif key in data:
                _remove_blocked_sources(edit, blocked, value_node, data[key], f"{where}.{key}" if where else key)
    elif isinstance(node, yaml.SequenceNode) and isinstance(data, list):
        for index, (item_node, item) in enumerate(zip(node.value, data, strict=False)):
            _remove_blocked_sources(edit, blocked, item_node, item, f"{where}[{index}]")


def _remove_from_list(edit: FileEdit, blocked: BlockedHosts, key_node, list_node, items: list, where: str) -> None:
    doomed = []
    for index, item_node in enumerate(list_node.value):
        url = _scalar(_mapping_get(item_node, "url")[1])
        entry = blocked.entry_for_url(url) if url else None
        if entry is not None:
            doomed.append((index, item_node, entry))
    if not doomed:
        return
    if list_node.flow_style:
        raise ValueError(f"{where} is written as a [flow] list; remove its blocked sources by hand")
    for index, item_node, entry in doomed:
        first = item_node.start_mark.line
        edit.deletions.append((first, _last_line(item_node, edit.lines)))
        edit.messages.append((first + 1, f"{where}[{index}]: removed the source on {entry.pattern} ({entry.reason_text})"))
    for index, _, _ in reversed(doomed):
        del items[index]
    if not items:
        line = key_node.start_mark.line
        text = edit.lines[line]
        column = key_node.end_mark.column
        if not text[column:].lstrip().startswith(":"):
            raise ValueError(f"{where}: cannot find the ':' after 'sources' on line {line + 1}")
        colon = column + text[column:].index(":")
        rest = text[colon + 1:].rstrip("\n")
        comment = f"  {rest.strip()}" if rest.strip().startswith("#") else ""
        edit.replacements[line] = f"{text[:colon + 1]} []{comment}\n"
        edit.messages.append((line + 1, f"{where}: no source left, written as []"))


def _unverify_claims(edit: FileEdit, record_kind: str, root, data) -> None:
    for field_name, status_field in CLAIMS.get(record_kind, {}).items():
        _, value_node = _mapping_get(root, field_name)
        value = data.get(field_name) if isinstance(data, dict) else None
        if isinstance(value_node, yaml.SequenceNode) and isinstance(value, list):
            pairs = [(f"{field_name}[{i}]", n, d) for i, (n, d) in enumerate(zip(value_node.value, value, strict=False))]
        elif isinstance(value_node, yaml.MappingNode) and isinstance(value, dict):
            pairs = [(field_name, value_node, value)]
        else:
            continue
        for where, claim_node, claim in pairs:
            if not isinstance(claim, dict) or claim.get(status_field) != "verified":
                continue
            sources = claim.get("sources")
            if isinstance(sources, list) and any(isinstance(s, dict) and s.get("publisher_kind") == "official" for s in sources):
                continue
            status_key, status_node = _mapping_get(claim_node, status_field)
            if not isinstance(status_node, yaml.ScalarNode) or status_node.start_mark.line != status_node.end_mark.line:
                raise ValueError(f"{where}.{status_field} is not a one-line value; change it by hand")
            line = status_node.start_mark.line
            text = edit.lines[line]
            start, end = status_node.start_mark.column, status_node.end_mark.column
            edit.replacements[line] = text[:start] + text[start:end].replace("verified", "unverified", 1) + text[end:]
            claim[status_field] = "unverified"
            message = f"{where}.{status_field}: verified -> unverified (no official source)"
            if "note" not in claim:
                indent = " " * status_key.start_mark.column
                edit.insertions[line] = [f"{indent}note: {UNVERIFIED_NOTE}\n"]
                claim["note"] = UNVERIFIED_NOTE
                message += "; note added"
            edit.messages.append((line + 1, message))


def plan_file(path: Path, record_kind: str, blocked: BlockedHosts) -> FileEdit | None:
    text = path.read_text(encoding="utf-8")
    loaded = parse_yaml_text(text)
    if loaded.problems or not isinstance(loaded.data, dict):
        raise ValueError("the file does not read as a record; run `python -m atlas validate` first")
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    edit = FileEdit(path, text.splitlines(keepends=True), copy.deepcopy(loaded.data))
    _remove_blocked_sources(edit, blocked, root, edit.data, "")
    _unverify_claims(edit, record_kind, root, edit.data)
    if not edit.changed:
        return None
    new_text = edit.new_text()
    reread = parse_yaml_text(new_text)
    if reread.problems or reread.data != edit.data:
        raise ValueError("the edited text would not read as intended; nothing was changed in this file")
    return edit


def apply_source_rules(data_dir: Path, write: bool = True, out=sys.stdout) -> tuple[int, int]:
    """(changes made, files that could not be edited)."""
    rules = read_blocked_hosts(data_dir)
    if rules.problems:
        raise SystemExit(f"{rules.path}: the blocked-hosts list has problems; run `python -m atlas validate` first")
    changes = failures = 0
    shown_root = data_dir.parent
    for kind in sorted(RECORD_KINDS.values(), key=lambda kind: kind.folder):  # files in path order
        folder = data_dir / kind.folder
        if not folder.is_dir():
            continue
        for path, is_record in record_files(folder):
            if not is_record:
                continue
            shown = path.relative_to(shown_root) if path.is_relative_to(shown_root) else path
            try:
                edit = plan_file(path, kind.folder, rules.blocked)
            except (ValueError, yaml.YAMLError) as error:
                print(f"{shown}: not edited: {error}", file=out)
                failures += 1
                continue
            if edit is None:
                continue
            for line, message in sorted(edit.messages):
                print(f"{shown}:{line}: {message}", file=out)
            changes += len(edit.messages)
            if write:
                path.write_text(edit.new_text(), encoding="utf-8")
    verb = "would change" if not write else "changed"
    print(f"{verb} {changes} thing(s); {failures} file(s) not edited", file=out)
    if write:
        _, problems = validate_data_dir(data_dir)
        print(f"then `python -m atlas validate` finds {summary_line(problems)}"
              + (": those need a person (a list that must keep a source, say)" if problems else ""), file=out)
    return changes, failures


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DATA_DIR)
    parser.add_argument("--dry-run", action="store_true", help="print the changes without writing them")
    args = parser.parse_args(argv)
    if not args.data_dir.is_dir():
        print(f"no such data folder: {args.data_dir}", file=sys.stderr)
        return 2
    _, failures = apply_source_rules(args.data_dir, write=not args.dry_run)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
