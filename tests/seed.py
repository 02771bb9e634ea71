"""The seed document's examples, read from the document itself: every example answer (a dict with
a "code") together with the request URL and method printed above it, fenced or in prose.

Examples are Python or JSON as printed; comments are dropped, and those that cannot be read as
printed get a small, commented repair in REPAIRS.
"""

import ast
import dataclasses
import json
import re
from pathlib import Path

# The contract, kept in the repository (a fresh clone has no ../shared); test_contract checks the copy.
SEED = Path(__file__).resolve().parents[1] / "docs" / "seed" / "000_3d648ac8bf2114fd.txt"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "seed" / SEED.name

# (as printed, once comments and trailing spaces are gone; what it must have said). Each is the
# document's own slip in an example; the line numbers are the seed's.
REPAIRS = [
    # 1671 (1.1 潜在客户): "level" lacks its comma and "pid" its value.
    ('"level":1\n                "pid":\n', '"level":1, "pid": null\n'),
    # 1914 (1.3 转发详情): an unquoted string.
    ('"sex_text":女,', '"sex_text":"女",'),
    # 1980 (1.4 按层级): the avatar's value sits inside its comment.
    ('"customer_headimgurl":\n', '"customer_headimgurl": "http://thirdwx.qlogo.cn/132",\n'),
    # 2063 (1.5 传播路径): Python names where values go.
    ("'customer_id': customer_id,", "'customer_id': 1,"),
    ("'customer_name': customer_username,", "'customer_name': '',"),
    ("'sex': sex,", "'sex': None,"),
    ("'level': level,", "'level': 1,"),
    # 3750 (查看单个产品): Windows backslashes in a path.
    ('"statics\\zhugeleida\\imgs\\qiyeweixin\\user_avatar\\1531828674331.jpg"',
     '"statics/zhugeleida/imgs/qiyeweixin/user_avatar/1531828674331.jpg"'),
    # 1274 (聊天记录): Windows backslashes in a path (\074 would even read as an octal escape).
    ('"statics\\zhugeleida\\imgs\\chat\\074d8836-828e-11e8-9810-40a5ef44f172.jpg"',
     '"statics/zhugeleida/imgs/chat/074d8836-828e-11e8-9810-40a5ef44f172.jpg"'),
    # 3876 (查看所有产品): the list and the data object are never closed.
    ('"status_code":2\n            }\n}', '"status_code":2\n            }]\n}}'),
    # 5952 (雷达聊天推送): two values sit inside their comments.
    ('"customer_avatar":\n', '"customer_avatar": "https://wx.qlogo.cn/132",\n'),
    ('"src":\n', '"src": "https://wx.qlogo.cn/132",\n'),
    # 6023 (扫码登录): the 200 frame prints the server's variables.
    ("'user_id': obj.id,", "'user_id': 1,"), ("'token': obj.token,", "'token': 'x',"),
    ("'username': name,", "'username': 'x',"), ("'avatar':   avatar,", "'avatar': 'x',"),
    ("'company_name': obj.company.name,", "'company_name': 'x',"), ("'company_id': obj.company_id,", "'company_id': 1,"),
    ("'weChatQrCode': obj.company.weChatQrCode,", "'weChatQrCode': 'x',"),
    ("'last_login_date': last_login_date,", "'last_login_date': 'x',"),
]


@dataclasses.dataclass
class Example:
    title: str
    method: str  # GET | POST | WS
    path: str  # as printed, ids kept: zhugeleida/qiyeweixin/customer/update_information/2
    answer: dict
    line: int


def _strip_comments(text: str) -> str:
    out = []
    for line in text.split("\n"):
        kept, quote, i = "", None, 0
        while i < len(line):
            char = line[i]
            if quote:
                kept += char
                if char == "\\":
                    kept += line[i + 1:i + 2]
                    i += 2
                    continue
                if char == quote:
                    quote = None
            elif char in "\"'":
                quote = char
                kept += char
            elif char == "#":
                break
            else:
                kept += char
            i += 1
        out.append(kept.rstrip())
    return "\n".join(line for line in out if line.strip())


def parse(text: str):
    """A dict (or other value) as printed, or the exception that reading it raised."""
    text = _strip_comments(text)
    for printed, meant in REPAIRS:
        text = text.replace(printed, meant)
    try:
        return json.loads(text)
    except ValueError:
        pass
    python = re.sub(r"\bnull\b", "None", re.sub(r"\bfalse\b", "False", re.sub(r"\btrue\b", "True", text)))
    try:
        return ast.literal_eval(python)
    except (ValueError, SyntaxError) as error:
        return error


def _balanced(lines: list[str], start: int, column: int) -> tuple[str, int]:
    """The text of the {...} that opens at lines[start][column], and the line where it closes."""
    depth, quote, chunk = 0, None, []
    for number in range(start, len(lines)):
        line = lines[number][column:] if number == start else lines[number]
        if number > start and line.strip().startswith("```"):  # an example never runs past its fence
            return "\n".join(chunk), number - 1
        comment = False
        for index, char in enumerate(line):
            if quote:
                if char == quote:
                    quote = None
            elif comment:
                break
            elif char == "#":
                comment = True
            elif char in "\"'":
                quote = char
            elif char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth == 0:
                    chunk.append(line[:index + 1])
                    return "\n".join(chunk), number
        quote = None  # a quote never spans lines in the document
        chunk.append(line)
    return "\n".join(chunk), len(lines) - 1


def _opening(line: str) -> int | None:
    """Where a dict opens on this line: a line that is one ({...} or {), or one ending in {."""
    if line.lstrip().startswith("{"):
        return line.index("{")
    return line.rindex("{") if line.endswith("{") else None


def examples() -> list[Example]:
    lines = SEED.read_text().split("\n")
    found = []
    title, method, path = "", "GET", None
    number = 0
    while number < len(lines):
        stripped = lines[number].strip()
        if stripped.startswith("####"):
            title, path = stripped.strip("# "), None
        elif stripped.startswith("请求方式"):
            method = "WS" if "socket" in stripped.lower() else "POST" if "POST" in stripped.upper() else "GET"
        elif stripped.startswith(">") and "http" in stripped:
            url = stripped[1:].strip().split()[0]
            path = url.split("?")[0].split("/", 3)[-1].rstrip("/")
            if "/websocket/" in path:  # the document spells its method "wocket"
                method = "WS"
        else:
            opening = lines[number].rstrip()
            column = _opening(opening)
            if column is not None and path:
                text, end = _balanced(lines, number, column)
                answer = parse(text)
                if isinstance(answer, dict) and isinstance(answer.get("code"), int):
                    found.append(Example(title, method, path, answer, number + 1))
                    number = end
                elif isinstance(answer, dict):
                    number = end
        number += 1
    return found


def unreadable() -> list[int]:
    """Lines where an example answer opens (it mentions a code) that cannot be read even with REPAIRS."""
    lines = SEED.read_text().split("\n")
    bad = []
    for number, line in enumerate(lines):
        column = _opening(line.rstrip())
        if column is not None:
            text, _end = _balanced(lines, number, column)
            head = "\n".join(text.split("\n")[:4])
            if re.search(r"[\"']code[\"']\s*:", head) and isinstance(parse(text), Exception):
                bad.append(number + 1)
    return bad
