"""Message templates in Chinese and English, and the phrases they are filled with.

Every message kind has a (subject, body) template per language; composers in
:mod:`services.notify.domain.messages` fill them with ``str.format`` fields, so a wording
change is a change here and nowhere else.
"""

from __future__ import annotations

from typing import Any

LANGUAGES = ("zh", "en")

TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "score": {
        "zh": (
            "《{title}》质量评分 {overall:.0f} 分（{band}）",
            "您报送的信息《{title}》质量评分为 {overall:.1f} 分，等级：{band}。{tips}",
        ),
        "en": (
            '"{title}" scored {overall:.0f} ({band})',
            'Your item "{title}" scored {overall:.1f}, band: {band}.{tips}',
        ),
    },
    "points": {
        "zh": ("{what} {signed}{about}", "{what} {signed} 分。原因：{reason}。"),
        "en": ("{what} {signed}{about}", "{what}: {signed}. Reason: {reason}."),
    },
    "returned": {
        "zh": ("《{title}》已退回", "退回理由：\n{reasons}"),
        "en": ('"{title}" was returned', "Reasons:\n{reasons}"),
    },
    "adopted": {
        "zh": ("《{title}》被采用", "您报送的信息《{title}》已被{level}级《{publication}》采用。"),
        "en": (
            '"{title}" adopted',
            'Your item "{title}" was adopted by the {level} publication {publication}.',
        ),
    },
    "instruction": {
        "zh": ("《{title}》获领导批示", "{leader}批示：{text}"),
        "en": ('Leader\'s instruction on "{title}"', "{leader}: {text}"),
    },
    "leader_adoption": {
        "zh": (
            "本单位信息《{title}》被{level}级采用",
            "{unit}报送的信息《{title}》已被{level}级《{publication}》采用。",
        ),
        "en": (
            'Your unit\'s item "{title}" adopted at {level} level',
            '"{title}" from {unit} was adopted by the {level} publication {publication}.',
        ),
    },
    "leader_instruction": {
        "zh": (
            "本单位信息《{title}》获{leader}批示",
            "{unit}报送的信息《{title}》获{leader}批示：{text}{due}",
        ),
        "en": (
            'Instruction by {leader} on your unit\'s item "{title}"',
            '{leader} wrote on "{title}" from {unit}: {text}{due}',
        ),
    },
    "reminder": {
        "zh": (
            "提醒：{what}将于{due}到期",
            "{unit}：{what}（{reference}）将于{due}到期，还剩{left}。{detail}",
        ),
        "en": (
            "Reminder: {what} due {due}",
            "{unit}: {what} ({reference}) is due {due}, {left} left.{detail}",
        ),
    },
    "overdue": {
        "zh": (
            "【已逾期】{what}",
            "{unit}：{what}（{reference}）已于{due}到期，尚未完成，请尽快办理。{detail}",
        ),
        "en": ("[OVERDUE] {what}", "{unit}: {what} ({reference}) was due {due} and is not done yet.{detail}"),
    },
    "sign_off_requested": {
        "zh": ("待签发：{title}", "{by}提请签发{what}《{title}》，请审核后签发。"),
        "en": ("Waiting for your sign-off: {title}", "{by} asks you to sign off {what} \"{title}\"."),
    },
    "commission_published": {
        "zh": ("{what}：{theme}", "{office}发布{what}“{theme}”{due}。{description}"),
        "en": ("{what}: {theme}", "{office} published the {what} \"{theme}\"{due}. {description}"),
    },
    "briefing_issued": {
        "zh": (
            "《{name}》{issue_no}已印发",
            "{office}《{name}》{issue_no}已印发，刊用本单位信息：{titles}。",
        ),
        "en": (
            "{name} {issue_no} issued",
            "{office} issued {name} {issue_no}, carrying your unit's: {titles}.",
        ),
    },
    "deadline_missed": {
        "zh": (
            "【未按时完成】{what}",
            "{unit}应于{due}前完成的{what}（{reference}）未按时完成，已按考核办法记录。",
        ),
        "en": (
            "[MISSED] {what}",
            "{unit} did not complete the {what} ({reference}) due {due}; it is recorded under the "
            "assessment rules.",
        ),
    },
    "deadline_missed_office": {
        "zh": (
            "{unit}未按时完成{what}",
            "{unit}应于{due}前完成的{what}（{reference}）未按时完成，已按考核办法记录，请督促。",
        ),
        "en": (
            "{unit} missed a deadline: {what}",
            "{unit} did not complete the {what} ({reference}) due {due}; it is recorded under the "
            "assessment rules. Please follow up.",
        ),
    },
    "standing_changed": {
        "zh": (
            "{unit}{period}积分排名：第{rank}名",
            "{unit}在{group}（共{size}个）中的{period}积分排名{change}，本期积分 {total} 分。"
            "当日再有变动不另行通知。",
        ),
        "en": (
            "{unit} now ranks {rank} for {period}",
            "{unit} {change} among {group} ({size}) for {period}, with {total} points this period. "
            "Further changes today are not sent separately.",
        ),
    },
    "digest": {
        "zh": ("信报每周摘要：{count} 条消息{overdue}", "{name}，本周待阅消息：\n{lines}"),
        "en": (
            "Xinbao weekly digest: {count} messages{overdue}",
            "{name}, your messages this week:\n{lines}",
        ),
    },
}

PHRASES: dict[str, dict[str, str]] = {
    "zh": {
        "excellent": "优秀",
        "good": "良好",
        "fair": "一般",
        "poor": "较差",
        "national": "国家",
        "province": "省",
        "city": "市",
        "county": "县",
        "township": "乡镇",
        "earned": "获得积分",
        "deducted": "积分扣减",
        "reversed": "积分冲销",
        "suggestions": "改进建议",
        "none_given": "（未填写）",
        "commission": "约稿任务",
        "instruction_feedback": "领导批示反馈",
        "urgent_report": "紧急信息报送",
        "quota": "信息报送任务",
        "draft": "信息稿",
        "kind_commission": "约稿通知",
        "kind_priority": "报送要点",
        "commission_due": "，请于{due}前报送",
        "revision": "退回后的修改稿",
        "quota_detail": "本期应报 {required} 条，已报 {submitted} 条。",
        "feedback_due": "（请于 {due} 前反馈）",
        "days": "{n}天",
        "hours": "{n}小时",
        "overdue_count": "，其中 {n} 条逾期",
        "overdue_mark": "【逾期】",
        "rank_up": "由第{previous}名上升至第{rank}名",
        "rank_down": "由第{previous}名下降至第{rank}名",
        "rank_new": "为第{rank}名",
        "peer_group": "{group}类单位",
        "peer_group_all": "全部单位",
    },
    "en": {
        "excellent": "excellent",
        "good": "good",
        "fair": "fair",
        "poor": "poor",
        "national": "national",
        "province": "province",
        "city": "city",
        "county": "county",
        "township": "township",
        "earned": "Points earned",
        "deducted": "Points deducted",
        "reversed": "Points reversed",
        "suggestions": "Suggestions",
        "none_given": "(none given)",
        "commission": "Commissioned topic",
        "instruction_feedback": "Feedback on a leader's instruction",
        "urgent_report": "Urgent report",
        "quota": "Reporting quota",
        "draft": "the draft",
        "kind_commission": "commissioned topic",
        "kind_priority": "reporting priority",
        "commission_due": ", due {due}",
        "revision": "the revision of the returned item",
        "quota_detail": " {required} items required this period, {submitted} sent.",
        "feedback_due": " (report back by {due})",
        "days": "{n} days",
        "hours": "{n} hours",
        "overdue_count": ", {n} overdue",
        "overdue_mark": "[OVERDUE] ",
        "rank_up": "rose from {previous} to {rank}",
        "rank_down": "fell from {previous} to {rank}",
        "rank_new": "ranks {rank}",
        "peer_group": "{group} units",
        "peer_group_all": "all units",
    },
}


def phrase(language: str, key: str, **fields: Any) -> str:
    """A phrase in ``language``; unknown keys come back unchanged (e.g. a new level name)."""
    text = PHRASES[language].get(key, key)
    return text.format(**fields) if fields else text


def render(kind: str, language: str, **fields: Any) -> tuple[str, str]:
    """Subject and body of ``kind`` in ``language``."""
    subject, body = TEMPLATES[kind][language]
    return subject.format(**fields), body.format(**fields)
