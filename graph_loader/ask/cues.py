"""The words that tell what a question asks, in Chinese and English, and its figures.

Each cue is a regular expression over the normalized question with the linked names masked
(so 园区 in 海陵新能源产业园区 is not a cue).  A new intent adds its words here.

>>> sorted(cues_in("哪些园区承载\ue000?"))
['carry', 'members', 'park_word']
>>> years_in("2027年和30年目标"), top_n("前五名"), top_n("top 3 chains")
([2027, 2030], 5, 3)
>>> threshold("2024年销售收入超过500亿元的产业链")
('>', 500.0)
"""

from __future__ import annotations

import math
import re

MASK = "\ue000"
"""What a linked name is replaced by before the cues are read."""

_CN_DIGITS = {
    "一": 1,
    "两": 2,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_NUM = "[一两二三四五六七八九十]+"


def _w(*words: str) -> str:
    """Return English words as a regex that matches them as whole words."""
    return r"\b(?:" + "|".join(words) + r")\b"


CUES: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern)
    for name, pattern in {
        "where": r"在哪|哪儿|哪里|哪块|什么地方|哪些地方|哪个地方|位于|所在|分布|布局在|落在|落户|"
        + _w("where", "located", "location", "locate"),
        "park_word": r"园区|开发区|产业园|高新区|基地|载体|" + _w("parks?", "zones?", "carriers?"),
        "carry": r"承载|承接|依托|布局|发展哪|有哪些产业|有啥产业|有什么产业|主导产业|"
        + _w("carry", "carries", "carried", "host", "hosts", "hosted"),
        "chain_word": r"产业链|链|产业|行业|赛道|" + _w("chains?", "industr(?:y|ies)", "sectors?"),
        "figure": r"销售收入|收入|营收|规模|产值|体量|目标|多少亿|亿元|亿|多大|"
        + _w("revenues?", "sales", "targets?", "size", "output", "how much", "figures?", "worth"),
        "base": r"现状|目前|现在|当前|基期|基数|实际|"
        + _w("current", "currently", "now", "actual"),
        "growth": r"增速|增长率|年均增长|年均增速|复合增长|增幅|增长速度|增长|增加|增量|涨|翻番|"
        + _w("growth", "cagr", "grow", "grows", "growing", "increase", "rate"),
        "max": r"最大|最高|最多|最强|第一|最快|最领先|规模最大|"
        + _w("largest", "biggest", "highest", "most", "top", "fastest", "leading", "greatest"),
        "min": r"最小|最低|最少|最弱|最慢|末位|倒数|"
        + _w("smallest", "lowest", "least", "slowest", "bottom", "fewest"),
        "rank": r"排名|排行|排序|排第几|第几|前"
        + _CN_NUM
        + r"|前\d+|"
        + _w("rank", "ranking", "ranked"),
        "count": r"(?<!哪)几[条个家项大类种所]|多少[条个家项类]|数量|个数|"
        r"总数|" + _w("how many", "number of", "count"),
        "sum": r"合计|总计|总共|一共|加起来|总和|合起来|累计|之和|共计|加总|"
        + _w("total", "sum", "combined", "altogether", "in all", "add up"),
        "group_q": r"属于|所属|归属|哪个集群|哪类|哪一类|什么类|哪个板块|哪个大类|哪个产业|"
        r"哪个领域|哪个层级|"
        r"归哪|隶属|哪个梯队|什么产业|哪个体系|"
        + _w("belong", "belongs", "which group", "category", "part of", "tier", "under which"),
        "members": r"有哪些|包括|包含|哪些|都有|组成|构成|涵盖|列出|有什么|有啥|是什么|是哪|是啥|"
        + _w("include", "includes", "consist", "consists", "which", "list", "what are", "what"),
        "dept": r"责任单位|负责|谁负责|哪个部门|哪些部门|部门|牵头|主管|谁管|谁来|谁抓|落实|"
        r"单位|责任|"
        + _w(
            "responsible",
            "departments?",
            "who",
            "in charge",
            "leads?",
            "bureaus?",
            "agenc(?:y|ies)",
        ),
        "duty": r"负责|职责|任务|干什么|做什么|管什么|管啥|干啥|承担|工作|分工|"
        + _w("duties", "duty", "responsible for", "tasks?", "in charge of", "do", "does"),
        "target": r"目标|指标|每年|年度|要求|多少个|多少家|多少项|任务|"
        + _w("targets?", "goals?", "yearly", "annual", "each year", "per year", "every year"),
        "indicator": r"发展目标|主要目标|总体目标|指标|比重|占比|强度|"
        + _w("indicators?", "development goals?", "share", "intensity"),
        "enterprise": r"企业|龙头|公司|链主|骨干|头部|厂商|集团|"
        + _w("enterprises?", "compan(?:y|ies)", "firms?", "leaders?", "players?"),
        "project": r"项目(?!标)|" + _w("projects?"),
        "tech": r"技术|产品|材料|装备|设备|方向|重点发展|发展什么|发展啥|主攻|攻关|做什么|做啥|"
        + _w("technolog(?:y|ies)", "products?", "materials?", "develop", "focus", "directions?"),
        "related": r"上下游|上游|下游|相关产业|关联产业|相关的产业链|协同|配套|相关链|"
        + _w(
            "related chains?",
            "related to",
            "upstream",
            "downstream",
            "synerg(?:y|ies)",
            "linked chains?",
        ),
        "relation": r"关系|联系|关联|路径|怎么连|有关|有没有|是否|是不是|吗|"
        r"^(?:does|do|is|are|can)\b|"
        + _w("relationship", "relation", "related", "connect(?:ed|ion)?", "link(?:ed)?", "between"),
        "platform": r"平台|实验室|创新中心|研究院|孵化器|创新载体|研发机构|"
        + _w("platforms?", "labs?", "laborator(?:y|ies)", "innovation cent(?:er|re)s?"),
        "measure": r"举措|措施|重点任务|主要内容|内容|做法|抓手|怎么做|怎么干|"
        + _w("measures?", "steps?", "how will"),
        "place": r"哪个区|哪个市|哪个县|哪个地区|哪个城市|哪个板块|"
        + _w("district", "city", "county"),
        "all": r"30条|三十条|全部|所有|整体|总体|全市|重点产业链|各产业链|各条产业链|产业体系|"
        + _w("all", "whole", "overall", "30 chains", "30 key chains", "every chain"),
        "smalltalk": r"你好|您好|谢谢|天气|笑话|你是谁|哈喽|在吗|早上好|晚上好|"
        + _w("hello", "hi", "thanks", "thank you", "weather", "joke", "who are you"),
        "outside": r"电话|联系方式|邮箱|地址|链长|挂钩领导|市领导是谁|负责人是谁|补贴|地价|电价|"
        r"房价|股价|工资|薪资|人口|面积|占地|利润|利税|营业利润|市值|销量|产量|出口|进出口|就业|员工|"
        r"从业人员|招聘|GDP是|gdp是|gdp多少|天气|招商政策|前景|投资价值|值得投资|好不好|"
        + _w(
            "phone",
            "email",
            "address",
            "subsid(?:y|ies)",
            "population",
            "stock price",
            "how many people",
            "profits?",
            "employees",
            "jobs",
            "exports?",
            "area",
            "salar(?:y|ies)",
        ),
    }.items()
}
"""Every cue by name."""

TYPE_WORDS: tuple[tuple[str, str], ...] = (
    (r"保障措施|" + _w("safeguards?"), "Safeguard"),
    (r"产业链|链|" + _w("chains?"), "Chain"),
    (r"园区|开发区|产业园|载体|" + _w("parks?", "zones?"), "Park"),
    (r"行动|" + _w("actions?"), "Action"),
    (r"部门|责任单位|单位|" + _w("departments?", "bureaus?"), "Department"),
    (r"企业|公司|" + _w("enterprises?", "compan(?:y|ies)"), "Enterprise"),
    (r"项目(?!标)|" + _w("projects?"), "Project"),  # 几项目标: 项 + 目标, no project
    (r"平台|实验室|创新中心|" + _w("platforms?"), "Platform"),
    (r"举措|措施|" + _w("measures?"), "Measure"),
    (r"发展目标|指标|" + _w("indicators?", "goals?"), "Indicator"),
    (r"技术|产品|" + _w("technolog(?:y|ies)", "products?"), "Technology"),
    (r"集群|产业集群|板块|产业门类|" + _w("groups?", "clusters?"), "Group"),
    (r"梯队|层级|大类|" + _w("tiers?"), "Tier"),
    (r"年度目标|每年的?目标|项目标|" + _w("yearly targets?", "annual targets?"), "Target"),
    (r"市区|县市|" + _w("districts?", "cities"), "District"),
)
"""Nouns that name a kind of node (园区 → Park), most specific first."""

_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)|(?<!\d)(\d\d)年")
_TOP = re.compile(
    r"前(\d+|" + _CN_NUM + r")|\btop ?(\d+)\b|(\d+|" + _CN_NUM + r")(?:条|个|家)(?:最|规模)"
)
_TOP_AFTER = re.compile(r"最.*?(?<!\d)(\d+|" + _CN_NUM + r")(?:个|条|家)(?:产业链|链)")
_NUMBER = r"(\d+(?:\.\d+)?)\s*(亿元|亿|billion)?"
_ABOVE = re.compile(
    r"(?:超过|大于|高于|多于|不低于|不少于|达到|过|"
    r"above|over|more than|greater than|exceeding|at least)\s*" + _NUMBER + r"|" + _NUMBER + r"以上"
)
_BELOW = re.compile(
    r"(?:低于|小于|少于|不到|不足|below|under|less than|fewer than)\s*"
    + _NUMBER
    + r"|"
    + _NUMBER
    + r"以下"
)


def cues_in(text: str) -> set[str]:
    """Return the names of the cues in ``text`` (the masked, normalized question)."""
    return {name for name, pattern in CUES.items() if pattern.search(text)}


def type_words(text: str) -> list[str]:
    """Return the node labels that ``text`` names by kind (园区 → Park), most specific first."""
    return [label for pattern, label in TYPE_WORDS if re.search(pattern, text)]


def _number(token: str) -> int:
    if token.isdigit():
        return int(token)
    if token.startswith("十"):
        return 10 + _CN_DIGITS.get(token[1:], 0)
    if "十" in token:
        tens, _, ones = token.partition("十")
        return _CN_DIGITS.get(tens, 0) * 10 + _CN_DIGITS.get(ones, 0)
    return _CN_DIGITS.get(token, 0)


def years_in(text: str) -> list[int]:
    """Return the years a question names (2027, 27年 → 2027), in order, once each."""
    found = []
    for full, short in _YEAR.findall(text):
        if full:
            found.append(int(full))
        elif 20 <= int(short) <= 50:
            found.append(2000 + int(short))
    return list(dict.fromkeys(found))


def top_n(text: str) -> int | None:
    """Return N of 前N / top N / 三个最大, or None."""
    m = _TOP.search(text) or _TOP_AFTER.search(text)
    if not m:
        return None
    token = next(g for g in m.groups() if g)
    n = _number(token)
    return n if n > 0 else None


def _amount(number: str, unit: str | None) -> float:
    return float(number) * (10 if unit == "billion" else 1)


_BETWEEN = re.compile(
    r"(?:在|介于|between)?\s*" + _NUMBER + r"\s*(?:到|至|-|~|and)\s*" + _NUMBER + r"\s*(?:之间|\b)"
)


def bounds(text: str) -> tuple[float, float] | None:
    """Return the range a question keeps figures in: 超过500亿 → (500, inf), 低于20亿 →
    (-inf, 20), 100亿到200亿之间 → (100, 200); None when it names none (a year is no amount).

    >>> bounds("2024年收入在100亿到200亿之间"), bounds("2030年1000亿以上")
    ((100.0, 200.0), (1000.0, inf))
    """
    m = _BETWEEN.search(text)
    if (m and "之间" in text) or (m and "between" in text):
        lo, hi = _amount(m.group(1), m.group(2)), _amount(m.group(3), m.group(4))
        if not any(re.fullmatch(r"20\d\d", g) for g in (m.group(1), m.group(3))):
            return min(lo, hi), max(lo, hi)
    found = threshold(text)
    if found is None:
        return None
    sign, value = found
    return (value, math.inf) if sign == ">" else (-math.inf, value)


def threshold(text: str) -> tuple[str, float] | None:
    """Return ``('>', 500.0)`` for 超过500亿 (``'<'`` for 低于 …), or None (a year is no amount)."""
    for sign, pattern in ((">", _ABOVE), ("<", _BELOW)):
        for m in pattern.finditer(text):
            groups = m.groups()
            number, unit = (groups[0], groups[1]) if groups[0] else (groups[2], groups[3])
            if number and not re.fullmatch(r"20\d\d", number):
                return sign, _amount(number, unit)
    return None
