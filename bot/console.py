"""The bot without Telegram: type questions and commands, see exactly what the bot would send.

Messages come from the same :class:`~bot.replies.Replier` the Telegram handlers use; HTML is
shown as text with ``**bold**``, buttons as ``[按钮文字]`` lines. Typing a button's text (with
or without the brackets) presses it. The console user is the local operator: treated as an
admin and not rate limited.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TextIO

from bot.html import strip_tags
from bot.messages import Button, Outgoing
from bot.replies import Pressed, Replier

PROMPT = "你> "
RULE = "─" * 40


def show(out: Outgoing) -> str:
    """One message as console text: what it carries (a photo, a document), bold as ``**…**``,
    then the buttons."""
    lines = [strip_tags(out.text, bold="**")]
    if out.attachment is not None:
        kind = "图片" if out.attachment.kind == "photo" else "文件"
        lines.insert(0, f"〔{kind} {out.attachment.filename}，{len(out.attachment.data) / 1024:.0f} KB〕")
    for row in out.buttons:
        lines.append("  ".join(f"[{b.text}]" for b in row))
    return "\n".join(lines)


class Console:
    def __init__(self, replier: Replier, write: Callable[[str], None]) -> None:
        self.replier = replier
        self.write = write
        self.buttons: dict[str, Button] = {}

    def _emit(self, outs: Iterable[Outgoing], edited: bool = False) -> None:
        for out in outs:
            self.write(("（编辑上一条消息）\n" if edited else "") + show(out) + "\n" + RULE)
            for row in out.buttons:
                for b in row:
                    self.buttons[b.text] = b

    def handle(self, line: str) -> None:
        """One line of input: a button press, a command or a question."""
        label = line.strip()
        if label.startswith("[") and label.endswith("]"):
            label = label[1:-1].strip()
        button = self.buttons.get(label)
        if button is not None and button.kind != "callback":  # what Telegram would do with it
            self.write(_ACTIONS[button.kind].format(data=button.data))
            return
        if button is not None:
            pressed: Pressed = self.replier.press(button.data)
            if pressed.toast:
                self.write(f"（提示：{pressed.toast}）")
            if pressed.edit is not None:
                self._emit([pressed.edit], edited=True)
            self._emit(pressed.send)
            return
        self._emit(self.replier.reply(line, None, progress=lambda out: self._emit([out])))


# What a Telegram client does with a button that sends nothing to the bot.
_ACTIONS = {"copy": "（已复制）\n{data}", "inline": "（分享：在任意聊天输入 @机器人用户名 {data}）", "url": "（链接：{data}）"}


def repl(replier: Replier, stdin: TextIO, stdout: TextIO) -> None:
    def write(text: str) -> None:
        print(text, file=stdout, flush=True)

    console = Console(replier, write)
    write("报刊档案助手 控制台。输入问题或命令（/help），输入按钮文字来按按钮，Ctrl-D 退出。")
    interactive = stdin.isatty()
    while True:
        if interactive:
            stdout.write(PROMPT)
            stdout.flush()
        line = stdin.readline()
        if not line:
            break
        if line.strip():
            console.handle(line.rstrip("\n"))


def ask(replier: Replier, question: str, stdout: TextIO) -> None:
    Console(replier, lambda text: print(text, file=stdout)).handle(question)
