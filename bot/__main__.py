"""`python -m bot [console | ask "问题" | webhook]`: run the bot, or try it without Telegram."""

from __future__ import annotations

import argparse
import contextlib
import faulthandler
import logging
import sys

from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError

from bot import app, console
from bot.replies import Replier
from bot.settings import BotSettings
from retrieval.errors import ArchiveError

NO_TOKEN = """\
未设置 TELEGRAM_BOT_TOKEN，无法连接 Telegram。
  1. 在 Telegram 里找 @BotFather，发送 /newbot，按提示取名，得到形如 123456:ABC-DEF… 的令牌；
  2. 在项目目录的 .env 文件里写一行：TELEGRAM_BOT_TOKEN=123456:ABC-DEF…
  3. 再运行 python -m bot。
不想连 Telegram？用 ./run.sh console 在终端里直接和机器人对话。

TELEGRAM_BOT_TOKEN is not set, so the bot cannot connect to Telegram.
  1. In Telegram, talk to @BotFather, send /newbot and follow the steps to get a token
     like 123456:ABC-DEF…;
  2. put it in the project's .env file: TELEGRAM_BOT_TOKEN=123456:ABC-DEF…
  3. run python -m bot again.
To try the bot without Telegram: ./run.sh console"""


REJECTED = "Telegram 拒绝了这个 token：请检查 TELEGRAM_BOT_TOKEN（在 @BotFather 里用 /mybots 查看或重新生成）"
UNREACHABLE = "无法连接 Telegram：请检查网络、代理或 TELEGRAM_BASE_URL"
REFUSED = "Telegram 返回错误，机器人未能启动"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="今日拱墅 报刊档案 Telegram 机器人")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("console", help="在终端里对话（不需要 Telegram）/ chat in the terminal")
    ask = sub.add_parser("ask", help="回答一个问题后退出 / print one reply and exit")
    ask.add_argument("question", nargs="+")
    sub.add_parser("webhook", help="以 webhook 方式运行 / run in webhook mode")
    sub.add_parser("polling", help="以轮询方式运行（默认）/ run with long polling (default)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    with contextlib.suppress(ValueError, AttributeError, OSError):  # stderr without a file (tests)
        faulthandler.enable()  # a fatal signal (SIGBUS from a file truncated under a mapping) is logged
    settings = BotSettings()
    local = args.command in ("console", "ask")
    app.configure_logging(settings, logging.WARNING if local else logging.INFO)
    try:
        if local:
            replier = Replier(app.open_archive(settings), settings)
            if args.command == "ask":
                console.ask(replier, " ".join(args.question), sys.stdout)
            else:
                console.repl(replier, sys.stdin, sys.stdout)
            return 0
        if settings.telegram_bot_token is None:
            print(NO_TOKEN, file=sys.stderr)
            return 2
        if args.command == "webhook":
            app.run_webhook(settings)
        else:
            app.run_polling(settings)
    except InvalidToken:
        print(REJECTED, file=sys.stderr)
        return 2
    except TelegramError as err:
        # BadRequest is a NetworkError in PTB, but there Telegram did answer: a refusal
        unreachable = isinstance(err, NetworkError) and not isinstance(err, BadRequest)
        what = f"{type(err).__name__}: {str(err)[:200]}"
        print(f"{UNREACHABLE}（{what}）" if unreachable else f"{REFUSED}：{what}", file=sys.stderr)
        return 1
    except ArchiveError as err:
        print(f"错误 / error: {err}", file=sys.stderr)
        return 1
    except ValueError as err:  # configuration (e.g. webhook URL missing)
        print(f"配置错误 / configuration error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
