"""Read a policy from YAML; every problem is reported with the line it is on.

The YAML is composed into a node tree first (nodes keep their line marks), then built into
plain data and validated. A pydantic error location (``('adoption', 'publications', 'x',
'level')``) is walked down the node tree to the node it names, whose line is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from services.incentives.domain.policy import Policy, PolicyBook

ACTIVITY_WORDS = re.compile(
    r"log_?in|sign_?in|check_?in|online|time_?spent|study_?time|clicks?|likes?|"
    r"shares?_count|visits?|active_days|签到|登录|在线|时长|点赞|转发|学习",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class PolicyProblem:
    """One thing wrong in a policy file, at a line (1-based; 0 when unknown)."""

    line: int
    where: str
    message: str

    def __str__(self) -> str:
        return (
            f"line {self.line}: {self.where}: {self.message}"
            if self.where
            else (f"line {self.line}: {self.message}")
        )


class PolicyError(ValueError):
    """A policy file was rejected; ``problems`` lists every error with its line."""

    def __init__(self, source: str, problems: Sequence[PolicyProblem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        self.line = self.problems[0].line if self.problems else 0
        listing = "\n".join(f"  {source}:{p}" for p in self.problems)
        super().__init__(f"invalid policy {source}:\n{listing}")


def load_policy(path: str | Path) -> Policy:
    """The policy in the YAML file at ``path``; raises ``PolicyError`` naming the line."""
    path = Path(path)
    return parse_policy(path.read_text(encoding="utf-8"), source=str(path))


def load_policy_book(paths: Iterable[str | Path]) -> PolicyBook:
    """A book of the policy versions in ``paths`` (one version per file)."""
    return PolicyBook(load_policy(p) for p in paths)


def parse_policy(text: str, *, source: str = "<policy>") -> Policy:
    """The policy written in ``text``; raises ``PolicyError`` naming the line of each problem."""
    root, data = _compose(text, source)
    try:
        return Policy.model_validate(data)
    except ValidationError as error:
        problems = [_problem(root, err) for err in error.errors()]
        raise PolicyError(source, sorted(problems, key=lambda p: p.line)) from None


def _compose(text: str, source: str) -> tuple[yaml.Node, object]:
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise PolicyError(source, [PolicyProblem(1, "", "the file is empty")])
        duplicates = list(_duplicate_keys(root))
        if duplicates:
            raise PolicyError(source, duplicates)
        return root, loader.construct_document(root)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        raise PolicyError(
            source, [PolicyProblem(line, "", f"not valid YAML: {error.problem}")]
        ) from None
    finally:
        loader.dispose()


def _duplicate_keys(node: yaml.Node, where: str = "") -> Iterator[PolicyProblem]:
    """Keys written twice in one mapping: YAML would silently keep the last one."""
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _duplicate_keys(item, f"{where}.{index}".lstrip("."))
    if not isinstance(node, yaml.MappingNode):
        return
    seen: set[str] = set()
    for key_node, value_node in node.value:
        key = str(key_node.value)
        path = f"{where}.{key}".lstrip(".")
        if key in seen:
            yield PolicyProblem(key_node.start_mark.line + 1, path, f"'{key}' is given twice")
        seen.add(key)
        yield from _duplicate_keys(value_node, path)


def _problem(root: yaml.Node, err: Mapping[str, Any]) -> PolicyProblem:
    location = tuple(err["loc"])
    line = _line_of(root, location)
    where = ".".join(str(part) for part in location if part != "[key]")
    if err["type"] == "extra_forbidden":
        return PolicyProblem(line, where, _unknown_key_message(str(location[-1])))
    return PolicyProblem(line, where, err["msg"])


def _unknown_key_message(key: str) -> str:
    if ACTIVITY_WORDS.search(key):
        return (
            f"'{key}' would reward activity, not outcomes; points come only from outcomes "
            "(receipt, quality, adoption, instructions, timeliness), as the rules on reducing "
            "formalism for grassroots units require"
        )
    return f"unknown rule or setting '{key}'"


def _line_of(root: yaml.Node, location: tuple[object, ...]) -> int:
    """Line of the deepest key (or list item) ``location`` reaches; missing parts stop the walk."""
    node, marked = root, root
    for part in location:
        step = _step(node, part)
        if step is None:
            break
        marked, node = step
    return marked.start_mark.line + 1


def _step(node: yaml.Node, part: object) -> tuple[yaml.Node, yaml.Node] | None:
    """(node to point at, node to descend into) for one part of a location."""
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        if 0 <= part < len(node.value):
            return node.value[part], node.value[part]
        return None
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if str(key_node.value) == str(part):
                return key_node, value_node
    return None
