"""Which sources are never acceptable: the hosts listed in data/source-rules/blocked-hosts.yaml.

The file's header explains the matching rules; this module reads it, reports a malformed entry as a
problem with its position (never an exception), and answers "is this address on a blocked host?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .yaml_source import LoadedYaml, Position, load_yaml_file

RULES_DIR_NAME = "source-rules"
BLOCKED_HOSTS_FILE = "blocked-hosts.yaml"

# A host name, or a name followed by ".*" (any top-level domain). Lower case: hosts are compared so.
_HOST_PATTERN = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(\.\*)?\Z")
_REASON_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")
_ENTRY_FIELDS = {"host", "reason", "note"}
# "name.*" stands for the name under a top-level domain of one or two labels: .mx, .site, .co.uk.
_WILDCARD_TLD_LABELS = (1, 2)


def blocked_hosts_path(data_dir: Path) -> Path:
    return data_dir / RULES_DIR_NAME / BLOCKED_HOSTS_FILE


@dataclass(frozen=True)
class BlockedHost:
    pattern: str  # as written: "scribd.com" or "vdocuments.*"
    reason: str  # a key of the file's reasons
    reason_text: str


@dataclass
class BlockedHosts:
    """The parsed list: exact names (which also cover their subdomains) and wildcard names."""

    exact: dict[str, BlockedHost] = field(default_factory=dict)
    wildcard: dict[str, BlockedHost] = field(default_factory=dict)  # "vdocuments" for "vdocuments.*"

    def entry_for_host(self, host: str) -> BlockedHost | None:
        """The entry blocking host (a host name, any case), or None."""
        labels = host.lower().strip(".").split(".")
        for start in range(len(labels)):
            entry = self.exact.get(".".join(labels[start:]))
            if entry is not None:
                return entry
            for tld_labels in _WILDCARD_TLD_LABELS:
                end = len(labels) - tld_labels
                if end > start:
                    entry = self.wildcard.get(".".join(labels[start:end]))
                    if entry is not None:
                        return entry
        return None

    def entry_for_url(self, url: str) -> BlockedHost | None:
        host = host_of(url)
        return self.entry_for_host(host) if host else None

    def __len__(self) -> int:
        return len(self.exact) + len(self.wildcard)


def host_of(url: str) -> str | None:
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


@dataclass
class RulesFile:
    path: Path
    blocked: BlockedHosts
    problems: list[tuple[Position, str, str]]  # (position, field, message)


def _describe(value) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    return {dict: "a mapping", list: "a list", type(None): "nothing"}.get(type(value), f"'{value}'")


def read_blocked_hosts(data_dir: Path) -> RulesFile:
    """The blocked hosts of a data folder, with every problem in the file (a missing file is one)."""
    path = blocked_hosts_path(data_dir)
    if not path.is_file():
        message = (
            f"the list of blocked source hosts is missing: data/{RULES_DIR_NAME}/{BLOCKED_HOSTS_FILE} must exist "
            "(it may list no hosts)"
        )
        return RulesFile(path, BlockedHosts(), [(Position(1, 1), "", message)])
    return parse_blocked_hosts(path, load_yaml_file(path))


def parse_blocked_hosts(path: Path, loaded: LoadedYaml) -> RulesFile:
    problems: list[tuple[Position, str, str]] = [(position, "", message) for position, message in loaded.problems]
    result = RulesFile(path, BlockedHosts(), problems)
    if loaded.problems:
        return result
    data = loaded.data

    def report(at: tuple, message: str) -> None:
        label = "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(at))
        problems.append((loaded.position_of(at), label, message))

    if not isinstance(data, dict):
        report((), "must be a mapping with 'reasons' and 'hosts'")
        return result
    for key in data:
        if key not in {"reasons", "hosts"}:
            position = loaded.key_position_of((key,)) or loaded.position_of(())
            problems.append((position, "", f"unknown field '{key}' (allowed: hosts, reasons)"))

    reasons = data.get("reasons")
    reason_texts: dict[str, str] = {}
    if not isinstance(reasons, dict) or not reasons:
        report(("reasons",), "must map each reason's name to the text contributors see, e.g. content-farm: a content farm")
    else:
        for name, text in reasons.items():
            if not isinstance(name, str) or not _REASON_PATTERN.match(name):
                report(("reasons", name), f"reason name {_describe(name)} must be lower-case words joined by hyphens")
            elif not isinstance(text, str) or not text.strip() or "\n" in text.strip():
                report(("reasons", name), "must be one line of text saying why such a host is not acceptable")
            else:
                reason_texts[name] = text.strip()

    hosts = data.get("hosts")
    if not isinstance(hosts, list):
        report(("hosts",), "must be a list of entries, each with a host and a reason")
        return result
    seen: dict[str, int] = {}
    for index, entry in enumerate(hosts):
        at = ("hosts", index)
        if not isinstance(entry, dict):
            report(at, f"must be a mapping with host and reason, found {_describe(entry)}")
            continue
        extras = sorted(str(key) for key in entry if key not in _ENTRY_FIELDS)
        if extras:
            report(at, f"unknown field '{extras[0]}' (allowed: host, note, reason)")
        host, reason = entry.get("host"), entry.get("reason")
        host_ok = reason_ok = True
        if not isinstance(host, str) or not _HOST_PATTERN.match(host) or ("." not in host):
            report(at + ("host",) if "host" in entry else at, _host_problem(host, "host" in entry))
            host_ok = False
        elif host in seen:
            report(at + ("host",), f"'{host}' is listed twice (also hosts[{seen[host]}])")
            host_ok = False
        if reason not in reason_texts:
            if "reason" not in entry:
                report(at, "missing required field 'reason'")
            elif isinstance(reasons, dict) and isinstance(reason, str) and reason in reasons:
                pass  # the reason itself is malformed; reported above
            else:
                known = ", ".join(sorted(reason_texts)) or "none defined"
                report(at + ("reason",), f"{_describe(reason)} is not one of the reasons defined above ({known})")
            reason_ok = False
        note = entry.get("note")
        if note is not None and not isinstance(note, str):
            report(at + ("note",), "must be text")
        if not (host_ok and reason_ok):
            continue
        seen[host] = index
        blocked = BlockedHost(host, reason, reason_texts[reason])
        if host.endswith(".*"):
            result.blocked.wildcard[host[:-2]] = blocked
        else:
            result.blocked.exact[host] = blocked
    return result


def _host_problem(host, present: bool) -> str:
    if not present:
        return "missing required field 'host'"
    if isinstance(host, str) and "/" in host:
        return f"'{host}' must be a host name only, without https:// or a path"
    return (
        f"{_describe(host)} must be a lower-case host name such as scribd.com (it also covers every subdomain) "
        "or a name followed by .* for any top-level domain, such as vdocuments.*"
    )
