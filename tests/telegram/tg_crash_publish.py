"""Run by test_tg_crash.py in a child process: publish the long harbour briefing to N chats.

Usage: python tg_crash_publish.py FOLDER API_URL CHATS
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from tgfixtures import publish_briefing

if __name__ == "__main__":
    folder, api_url, chats = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    publish_briefing(folder, api_url, [str(1000 + i) for i in range(chats)], padding=150,
                     template="long.tg.html.j2", chat_interval=0.2)
