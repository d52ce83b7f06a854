"""X threads: a long caption split into numbered posts, each within the platform's limit."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from humaskit.errors import TemplateError
from humaskit.i18n import _
from humaskit.model.platforms import Platform
from humaskit.text.counting import count_length

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_LINE_BREAK = re.compile(r"\n")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[ \n]")


def _break_post(text: str) -> tuple[str, str]:
    """Split a full post into what it keeps and what moves on to the next post."""
    half = len(text) // 2
    for pattern in (_PARAGRAPH_BREAK, _LINE_BREAK, _SENTENCE_BREAK):
        cuts = [m for m in pattern.finditer(text) if m.start() >= half]
        if cuts:
            return text[: cuts[-1].start()].strip(), text[cuts[-1].end() :]
    return text.strip(), ""


# Below this many units under the budget, a post's length estimated as the sum of its tokens'
# lengths is trusted; nearer the limit the post is counted exactly.
_THREAD_SLACK = 6


def split_thread(text: str, platform: Platform) -> tuple[str, ...]:
    """Split a long text into numbered posts (``1/3`` …), each within the platform's limit.

    A full post ends at its last paragraph break, else line break, else sentence end, when
    that keeps it at least half full; otherwise at a space. No URL, mention or hashtag is cut.

    Counting a whole post for every added word made long releases slow (twitter-text parses the
    post each time), so each token is counted once and a post's length is estimated as the sum;
    the exact count decides whenever the estimate comes near the limit. Every post is counted
    exactly before it is returned; should an estimate have misled, the split is redone counting
    every step exactly.
    """
    words = [w for w in re.split(r"( |\n)", text.strip()) if w]
    weights: dict[str, int] = {}

    def weight(token: str) -> int:
        if token not in weights:
            weights[token] = count_length(token, platform) if token.strip() else len(token)
        return weights[token]

    for slack in (_THREAD_SLACK, None):
        for digits in (1, 2, 3):
            budget = platform.caption_limit - len(f"\n\n{'9' * digits}/{'9' * digits}")
            posts = _thread_posts(words, platform, budget, weight, slack)
            if len(str(len(posts))) <= digits:
                total = len(posts)
                thread = tuple(f"{p}\n\n{i}/{total}" for i, p in enumerate(posts, 1))
                if all(count_length(post, platform) <= platform.caption_limit for post in thread):
                    return thread
                break  # an estimate misled: split again, counting exactly
    raise TemplateError(_("The text is too long to split into a thread."))


def _thread_posts(
    words: Sequence[str],
    platform: Platform,
    budget: int,
    weight: Callable[[str], int],
    slack: int | None,
) -> list[str]:
    """The posts of a thread of ``budget`` units each (before their "n/N" suffix)."""

    def over(post: str, estimate: int) -> bool:
        if slack is not None and estimate <= budget - slack:
            return False
        return count_length(post.strip(), platform) > budget

    posts: list[str] = []
    current, estimate = "", 0
    for token in words:
        if current and over(current + token, estimate + weight(token)):
            head, rest = _break_post(current)
            posts.append(head)
            current = rest + token
            estimate = count_length(current, platform)
            if rest.strip() and over(current, estimate):
                posts.append(rest.strip())
                current, estimate = token, weight(token)
            current = current.lstrip(" \n")
        else:
            current += token
            estimate += weight(token)
    if current.strip():
        posts.append(current.strip())
    return posts
