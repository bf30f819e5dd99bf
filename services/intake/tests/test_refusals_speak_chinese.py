"""A refusal reads in the page's language (issue 18): every raise names its rule, and the
Chinese page says it in Chinese, never in the English the API and the logs carry."""

from __future__ import annotations

import ast
import inspect
import re
import string
from collections.abc import Callable
from pathlib import Path

import pytest

from services.intake.domain import Forbidden, IntakeError, InvalidInput, NotFound, User, View, access, errors
from services.intake.domain.access import UNIT_ROLES
from services.intake.domain.submission import MAX_BODY, MAX_TITLE, checked_text
from services.intake.web.context import explain
from services.intake.web.i18n import STRINGS, Translator

SERVICE = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u4e00-\u9fff]")
ASCII_WORD = re.compile(r"[A-Za-z]+")
ZH, EN = Translator("zh"), Translator("en")

REFUSALS = frozenset(
    name for name, kind in vars(errors).items()
    if isinstance(kind, type) and issubclass(kind, errors.IntakeError)
    and "code" in inspect.signature(kind.__init__).parameters
)
"""The errors raised with a message of the raiser's choosing (NotFound, Forbidden, InvalidInput,
TooLarge, ...); the others (IllegalTransition, RowsRejected) name their rule themselves."""


def _sources() -> list[Path]:
    return sorted(p for p in SERVICE.rglob("*.py") if "tests" not in p.relative_to(SERVICE).parts)


def _raised(node: ast.Raise) -> ast.Call | None:
    call = node.exc
    if not isinstance(call, ast.Call):
        return None
    name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", None)
    return call if name in REFUSALS and (call.args or call.keywords) else None


def _placeholders(text: str) -> set[str]:
    return {re.split(r"[.\[]", name)[0] for _, name, _, _ in string.Formatter().parse(text) if name}


def _problems(call: ast.Call, where: str) -> list[str]:
    keywords = {k.arg: k.value for k in call.keywords}
    if None in keywords:
        return [f"{where}: **params cannot be checked; pass the figures as keywords"]
    code = keywords.pop("code", None)
    if not isinstance(code, ast.Constant) or not isinstance(code.value, str):
        return [f"{where}: no code= naming the rule (a literal string)"]
    problems = []
    if (isinstance(call.func, ast.Name) and call.func.id == "InvalidInput" and call.args
            and isinstance(call.args[0], ast.Constant) and f"field.{call.args[0].value}" not in STRINGS):
        problems.append(f"{where}: no field.{call.args[0].value} in STRINGS")
    key = f"why.{code.value}"
    if key not in STRINGS:
        return [*problems, f"{where}: no {key} in STRINGS"]
    zh, en = STRINGS[key]
    if not CJK.search(zh):
        problems.append(f"{where}: {key} has no Chinese text: {zh!r}")
    missing = (_placeholders(zh) | _placeholders(en)) - set(keywords)
    if missing:
        problems.append(f"{where}: {key} needs {sorted(missing)}, the raise gives {sorted(keywords)}")
    return problems


def test_every_refusal_names_a_rule_the_pages_can_say_in_chinese_with_its_figures() -> None:
    problems, sites = [], 0
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            call = _raised(node) if isinstance(node, ast.Raise) else None
            if call is not None:
                sites += 1
                problems += _problems(call, f"{path.relative_to(SERVICE)}:{node.lineno}")
    assert sites > 80, f"only {sites} raises found: is the walk looking at services/intake?"
    assert not problems, "\n".join(problems)


def test_the_walk_knows_the_refusals_that_take_a_message() -> None:
    assert {"NotFound", "Forbidden", "InvalidInput", "TooLarge"} <= REFUSALS
    assert "IllegalTransition" not in REFUSALS


def _parsed(source: str) -> ast.Call:
    node = ast.parse(source).body[0]
    assert isinstance(node, ast.Raise)
    call = _raised(node)
    assert call is not None
    return call


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ('raise InvalidInput("title", "must not be blank")', "no code="),
        ('raise Forbidden("no", code="no_such_rule")', "no why.no_such_rule"),
        ('raise InvalidInput("title", "too long", code="too_long", limit=120)', "needs ['length']"),
        ('raise TooLarge("big", code="upload_too_large", **figures)', "**params"),
        ('raise InvalidInput("colour", "no", code="blank")', "no field.colour"),
    ],
)
def test_the_check_catches_a_refusal_that_would_read_in_english(source: str, problem: str) -> None:
    call = _parsed(source)
    assert problem in " ".join(_problems(call, "here"))


def test_the_check_passes_a_refusal_with_its_rule_and_figures() -> None:
    source = 'raise InvalidInput("title", "too long", code="too_long", limit=120, length=130)'
    assert _problems(_parsed(source), "here") == []


def refusal(call: Callable[[], object]) -> IntakeError:
    with pytest.raises(IntakeError) as caught:
        call()
    return caught.value


def test_a_too_long_title_says_the_limit_and_its_length_in_chinese() -> None:
    error = refusal(lambda: checked_text("标" * (MAX_TITLE + 5), "正文"))
    zh = explain(ZH, error)
    assert zh == (
        f"标题：不能超过 {MAX_TITLE} 字（现为 {MAX_TITLE + 5} 字），请删减后再保存；已填写的内容已保留。"
    )
    assert explain(EN, error).startswith(f"Title: at most {MAX_TITLE} characters (now {MAX_TITLE + 5})")
    assert str(error) == f"title: at most {MAX_TITLE} characters"


def test_a_too_long_text_shows_its_figures_with_thousands_separators() -> None:
    error = refusal(lambda: checked_text("标题", "字" * (MAX_BODY + 1)))
    zh = explain(ZH, error)
    assert zh.startswith(f"正文：不能超过 {MAX_BODY:,} 字（现为 {MAX_BODY + 1:,} 字）")
    assert not ASCII_WORD.search(zh)
    assert str(error) == f"body: at most {MAX_BODY} characters"


def test_a_blank_title_is_refused_in_chinese() -> None:
    assert explain(ZH, refusal(lambda: checked_text("  ", "正文"))) == "标题：不能为空。"


ADMIN = User("fangyu", "方宇", "jn", ("admin",))


def test_a_view_refusal_names_the_roles_in_chinese_and_no_english() -> None:
    error = refusal(lambda: access.require_view(ADMIN, View.UNIT))
    zh = explain(ZH, error)
    assert "信息员" in zh and "审签人" in zh and zh.startswith("没有权限：")
    assert not ASCII_WORD.search(zh), zh
    assert "Information officer" in explain(EN, error)
    assert str(error) == "方宇 (admin of jn) cannot list the unit view: it needs officer/unit_head"


def test_a_unit_role_refusal_names_the_unit_and_roles_whatever_the_english_doing() -> None:
    withdraw = refusal(lambda: access.require_unit_role(ADMIN, "hs", UNIT_ROLES, "withdraw the unit's items"))
    report = refusal(lambda: access.require_unit_role(ADMIN, "hs", UNIT_ROLES, "report back on instructions"))
    zh = explain(ZH, withdraw)
    assert zh == explain(ZH, report) == "没有权限：只有hs的信息员、审签人可以进行此操作。"
    assert "withdraw the unit's items" in explain(EN, withdraw)
    assert str(withdraw).endswith("may not withdraw the unit's items: only officer/unit_head of hs may")


def test_an_admin_refusal_names_the_unit_or_the_system_administrator() -> None:
    officer = User("liming", "李明", "hs", ("officer",))
    over = refusal(lambda: access.require_admin_over(officer, ["hs", "dx"], "reset passwords"))
    top = refusal(lambda: access.require_admin_over(officer, [], "reset passwords"))
    assert set(ASCII_WORD.findall(explain(ZH, over))) == {"hs"}
    assert explain(ZH, top) == "没有权限：只有系统管理员可以进行此操作。"
    assert str(top).endswith("only an admin at or above the top of the tree may")


@pytest.mark.parametrize(
    ("error", "zh"),
    [
        (IntakeError("the scoring queue is full"), "未能完成：系统未能受理此操作"),
        (IntakeError("a rule nobody wrote down", code="no_such_rule", n=3), "未能完成：系统未能受理此操作"),
        (InvalidInput("title", "smells odd"), "标题：填写的内容不符合要求"),
        (Forbidden("nobody may do that"), "没有权限：此操作超出您的角色或所在单位的权限范围"),
    ],
)
def test_an_error_without_a_known_code_reads_as_generic_chinese(error: IntakeError, zh: str) -> None:
    shown = explain(ZH, error)
    assert shown.startswith(zh)
    assert not ASCII_WORD.search(shown), shown
    assert str(error).split(": ")[-1] in explain(EN, error)


def test_a_missing_thing_is_named_when_its_rule_is_known() -> None:
    assert explain(ZH, NotFound("unit 'qx'", code="no_unit", unit="qx")) == "没有编号为 qx 的单位。"
    assert explain(ZH, NotFound("something")) == "找不到该信息。"


def test_a_transition_refused_in_a_state_without_a_name_is_said_in_chinese() -> None:
    from services.intake.domain import IllegalTransition
    from services.intake.web.context import explain
    from services.intake.web.i18n import Translator

    refused = IllegalTransition("sign off", "issue 2026年第1期 (signed_off)")
    assert explain(Translator("zh"), refused) == "当前状态下不能进行此操作，请刷新页面查看最新状态。"
    assert "sign off" in explain(Translator("en"), refused)
    known = IllegalTransition("edit", "submitted")
    assert explain(Translator("zh"), known) == "该信息当前为「已报送」，不能进行此操作。"
