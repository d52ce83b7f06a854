"""Captions: one Jinja2 template per platform, fitted to the platform's limit.

A caption is built from blocks (headline, lead, the kinds' own blocks — hoax and fact, complaint
follow-up, announcement details, highlights — body, key points, quote, figures, agenda, link,
handles, complaint channels, hashtags). When the rendered text is longer than the platform
allows, counted the platform's own way, the fitter takes these steps in order until it fits
(README, "Caption yang pas"):

1. drop the full body, then the key points, the highlights, the quote, the figures, the agenda,
   the announcement details, the complaint follow-up and the hoax block — except the block that
   is the point of the release's kind (figures for ``kinerja``, the agenda for ``agenda``, the
   quote for ``kutipan``, the hoax and fact for ``hoaks``, the follow-up for ``aduan``, the
   details for ``pengumuman``, the highlights for ``potensi``), which is kept for now;
2. shorten the lead, at a sentence or word boundary with "…", but not below ``LEAD_MIN``;
3. drop the account handles, the hashtags, the kind's own block, the complaint channels' details
   (a compact "Aduan: lapor.go.id" stays) and the link, in that order;
4. shorten the lead further, then the title.

Text is only ever cut at a space, so a URL, a mention or a hashtag is never cut.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from humaskit.errors import Location, PlatformError, TemplateError
from humaskit.i18n import _
from humaskit.model.body import Body, Style
from humaskit.model.brand import Brand, Unit
from humaskit.model.kinds import Kind, get_kind, status_of
from humaskit.model.platforms import Platform, load_platforms
from humaskit.model.release import Release, resolve_unit
from humaskit.model.stats import PERCENT_UNITS, Stat
from humaskit.text.counting import count_length
from humaskit.text.formatting import format_date, format_percent, format_quantity, format_time
from humaskit.text.templating import environment, render_template, search_path

# The lead is not shortened below this share of the caption limit (at most LEAD_MIN
# characters) before the late blocks are dropped.
LEAD_MIN = 120
LEAD_MIN_SHARE = 0.25
ELLIPSIS = "…"
OPTIONAL_BLOCKS = (
    "body",
    "points",
    "highlights",
    "quote",
    "stats",
    "agenda",
    "info",
    "aduan",
    "hoaks",
)
LATE_BLOCKS = ("handles", "hashtags", "complaint", "link")  # dropped in this order
# What a dropped block's variable becomes; "complaint" is never emptied: when dropped, the
# templates show its compact form (the first channel's address), so the way to complain stays.
_EMPTY: dict[str, Any] = {
    "body": "",
    "points": [],
    "quote": None,
    "stats": [],
    "agenda": [],
    "highlights": [],
    "info": None,
    "aduan": None,
    "hoaks": None,
    "handles": [],
    "hashtags": [],
    "link": None,
}
# A kind's caption block of its own (humaskit.model.kinds.Kind.caption) is the block "kind".
OWN_BLOCK = "kind"

_SENTENCE_END = re.compile(r"[.!?…](?=[\s”\"')]|$)")
_WORD_BREAK = re.compile(r"[ \n]")  # not \s: Babel's no-break space must hold "1,2 jt" together
_TAG_PARTS = re.compile(r"[\W_]+", re.UNICODE)
_MARKED = re.compile(r"://|^[@#]")  # a URL, a mention or a hashtag: followed by " …", not "…"


@dataclass(frozen=True)
class Caption:
    """A platform's caption, fitted to its limit."""

    platform: str
    text: str
    length: int
    limit: int
    hashtags: tuple[str, ...]
    dropped: tuple[str, ...] = ()
    shortened: tuple[str, ...] = ()
    thread: tuple[str, ...] = ()


@dataclass(frozen=True)
class _State:
    show: Mapping[str, bool]
    lead_max: int | None = None
    title_max: int | None = None


@dataclass
class _Job:
    release: Release
    platform: Platform
    template: str
    context: dict[str, Any]
    env: Any
    lead: str
    title: str
    hashtags: tuple[str, ...]


def camel_hashtag(tag: str) -> str:
    """``"pelayanan publik"`` → ``"PelayananPublik"``; ``"SPBE"`` stays; ``"#Blora"`` → Blora."""
    parts = [p for p in _TAG_PARTS.split(tag.strip().lstrip("#")) if p]
    return "".join(p if any(c.isupper() for c in p) else p[:1].upper() + p[1:] for p in parts)


def make_hashtags(sources: Sequence[str], limit: int | None) -> tuple[str, ...]:
    """CamelCase hashtags, de-duplicated case-insensitively, first ones kept, at most ``limit``."""
    seen: set[str] = set()
    tags: list[str] = []
    for raw in sources:
        tag = camel_hashtag(raw)
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append("#" + tag)
    return tuple(tags if limit is None else tags[:limit])


def shorten(text: str, max_chars: int) -> str:
    """Shorten ``text`` to at most ``max_chars`` characters at a sentence or word boundary.

    Whole sentences are kept as they are when they fill at least half the room; otherwise the
    text is cut at the last space and ends with "…". A word is never cut, so neither is a URL,
    a mention or a hashtag; if not even one word fits, the result is empty. After a URL, a
    mention or a hashtag the "…" follows a space and the word keeps its punctuation: glued to
    it, the "…" would become part of the link or the tag.
    """
    text = text.strip()
    if len(text) <= max_chars:
        return text
    if max_chars <= len(ELLIPSIS):
        return ""
    room = text[: max_chars + 1]
    ends = [m.end() for m in _SENTENCE_END.finditer(room) if m.end() <= max_chars]
    if ends and ends[-1] >= max_chars // 2:
        return text[: ends[-1]].strip()
    cut = text[: max_chars - len(ELLIPSIS) + 1]
    for end in reversed([m.start() for m in _WORD_BREAK.finditer(cut)]):
        head = text[:end].rstrip()
        words = head.split()
        if words and _MARKED.search(words[-1]):
            head += " "
        else:
            head = head.rstrip(" ,;:–—-\n")
        if head and len(head) + len(ELLIPSIS) <= max_chars:
            return head + ELLIPSIS
    return ""


def _display_url(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


def _context(release: Release, brand: Brand, unit: Unit, platform: Platform) -> dict[str, Any]:
    style: Style = "whatsapp" if platform.formatting == "whatsapp" else "plain"
    body_blocks = list(release.body.blocks)
    # The lead is shown on its own; do not repeat it as the body's first paragraph.
    if (
        body_blocks
        and body_blocks[0].kind == "paragraph"
        and body_blocks[0].text() == release.summary
    ):
        body_blocks = body_blocks[1:]
    body_text = Body(tuple(body_blocks)).to_text(style)
    own_handle = unit.handles.get(platform.id)
    brand_handle = brand.handles.get(platform.id)
    handles = [h for h in (own_handle, brand_handle) if h]
    if len(handles) == 2 and handles[0] == handles[1]:
        handles = handles[:1]
    return {
        "platform": {"id": platform.id, "name": platform.name, "shows_links": platform.shows_links},
        "kind": release.kind,
        "title": release.title,
        "date": format_date(release.date, brand.locale),
        "location": release.location,
        "body": body_text,
        "points": [b.text(style) for b in release.body.points],
        "quote": (
            {"text": release.quote.text, "by": release.quote.by, "role": release.quote.role}
            if release.quote
            else None
        ),
        "stats": [_stat(s, brand.locale) for s in release.stats],
        "period": release.period,
        "source": release.source,
        "hoaks": (
            {"claim": release.claim, "fact": release.fact, "source": release.source}
            if release.claim or release.fact
            else None
        ),
        "aduan": _aduan(release),
        "info": (
            {"when": release.when, "place": release.place, "contact": release.contact}
            if release.when or release.place or release.contact
            else None
        ),
        "highlights": list(release.highlights),
        "agenda": [
            {
                "date": format_date(a.date, brand.locale),
                "time": format_time(a.time) + " WIB" if a.time else None,
                "title": a.title,
                "place": a.place,
            }
            for a in release.agenda
        ],
        "link": release.link if platform.shows_links else None,
        "link_text": _display_url(release.link) if release.link else None,
        "unit": {"name": unit.name, "short_name": unit.short_name, "handle": own_handle},
        "brand": {"name": brand.name, "short_name": brand.short_name, "handle": brand_handle},
        "handles": handles,
        "complaint": [
            {
                "name": c.name,
                "url": c.url,
                "url_text": _display_url(c.url) if c.url else None,
                "phone": c.phone,
            }
            for c in brand.complaint_channels
        ],
        "image_credit": release.image_credit,
        "extra": dict(release.extra),
        "kind_block": None,
    }


def _stat(stat: Stat, locale: str) -> dict[str, Any]:
    percent = stat.percent_of_target
    # A percentage of a percentage target ("91,3% dari target 95% (96,1%)") confuses more than
    # it tells, so the share of the target is given for counts and amounts only.
    show_percent = percent is not None and (stat.unit or "").strip().lower() not in PERCENT_UNITS
    return {
        "label": stat.label,
        "value": format_quantity(stat.value, stat.unit, locale),
        "target": (
            format_quantity(stat.target, stat.unit, locale) if stat.target is not None else None
        ),
        "percent": format_percent(percent, locale)
        if show_percent and percent is not None
        else None,
    }


def _aduan(release: Release) -> dict[str, Any] | None:
    if not (release.complaint or release.status):
        return None
    status = status_of(release.status)
    return {
        "complaint": release.complaint,
        "action": release.action,
        "status": release.status,
        "status_text": status.text if status else None,
        "status_sign": status.sign if status else "",
        "ticket": release.ticket,
    }


def _bold(platform: Platform) -> Any:
    def bold(text: str) -> str:
        return f"*{text}*" if platform.formatting == "whatsapp" and text else text

    return bold


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def _render(job: _Job, state: _State) -> str:
    lead = job.lead if state.lead_max is None else shorten(job.lead, state.lead_max)
    title = job.title if state.title_max is None else shorten(job.title, state.title_max)
    context = dict(job.context)
    context.update(
        title=title,
        lead=lead,
        show=dict(state.show),
        hashtags=list(job.hashtags),
        bold=_bold(job.platform),
        shorten=shorten,
    )
    for name, empty in _EMPTY.items():
        if not state.show.get(name, True):
            context[name] = empty
    own = get_kind(job.release.kind).caption
    if own and state.show.get(OWN_BLOCK, True):
        context["kind_block"] = _tidy(job.env.from_string(own).render(context)) or None
    return _tidy(render_template(job.env, job.template, context))


def _fits(job: _Job, text: str) -> bool:
    return count_length(text, job.platform) <= job.platform.caption_limit


def _with_limit(state: _State, attr: str, value: int) -> _State:
    if attr == "lead_max":
        return replace(state, lead_max=value)
    return replace(state, title_max=value)


def _shrink(state: _State, attr: str, low: int, high: int, ok: Any) -> tuple[_State, bool]:
    """Binary search the largest ``attr`` limit in [low, high] whose render fits."""
    best = None
    while low <= high:
        mid = (low + high) // 2
        candidate = _with_limit(state, attr, mid)
        if ok(candidate):
            best, low = candidate, mid + 1
        else:
            high = mid - 1
    return (best, True) if best is not None else (_with_limit(state, attr, low), False)


def _blocks(kind: Kind) -> tuple[tuple[str, ...], str | None]:
    """The optional blocks of a caption of ``kind``, and the one that is its point."""
    optional = OPTIONAL_BLOCKS + ((OWN_BLOCK,) if kind.caption else ())
    return optional, kind.caption_block or (OWN_BLOCK if kind.caption else None)


def _fit(job: _Job) -> Caption:
    optional, main = _blocks(get_kind(job.release.kind))
    state = _State(show=dict.fromkeys(optional + LATE_BLOCKS, True))
    text = _render(job, state)
    dropped: list[str] = []
    shortened: list[str] = []

    def ok(s: _State) -> bool:
        return _fits(job, _render(job, s))

    steps: list[tuple[str, str]] = [("drop", b) for b in optional if b != main]
    steps.append(("lead", "min"))
    late = list(LATE_BLOCKS)
    if main:
        late.insert(late.index("hashtags") + 1, main)
    steps += [("drop", b) for b in late]
    steps += [("lead", "all"), ("title", "all")]
    for action, what in steps:
        if _fits(job, text):
            break
        before = text
        if action == "drop":
            if not state.show.get(what, True):
                continue
            state = replace(state, show={**state.show, what: False})
        elif action == "lead":
            low = (
                min(LEAD_MIN, int(job.platform.caption_limit * LEAD_MIN_SHARE))
                if what == "min"
                else 0
            )
            high = len(job.lead) if state.lead_max is None else state.lead_max
            if high <= low:
                continue
            state, _found = _shrink(state, "lead_max", low, high, ok)
            if "lead" not in shortened:
                shortened.append("lead")
        else:
            state, _found = _shrink(state, "title_max", 0, len(job.title), ok)
            shortened.append("title")
        text = _render(job, state)
        if action == "drop" and text != before:
            # Only a block that was in the caption was left out; an empty one is not reported.
            dropped.append(what)
    if state.lead_max is not None and state.lead_max < len(job.lead) and _fits(job, text):
        # Blocks dropped after the lead was cut may have made room: give it back to the lead.
        state, _found = _shrink(state, "lead_max", state.lead_max, len(job.lead), ok)
        text = _render(job, state)
    length = count_length(text, job.platform)
    if length > job.platform.caption_limit:
        raise TemplateError(
            _(
                "The caption template for {platform} writes {length} characters even with "
                "every optional block dropped; the limit is {limit}."
            ).format(platform=job.platform.id, length=length, limit=job.platform.caption_limit),
            hint=_("Shorten the fixed text in the template."),
            location=Location(job.template),
        )
    return Caption(
        platform=job.platform.id,
        text=text,
        length=length,
        limit=job.platform.caption_limit,
        hashtags=job.hashtags if state.show.get("hashtags", True) else (),
        dropped=tuple(dropped),
        shortened=tuple(shortened),
    )


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


def build_captions(
    release: Release,
    brand: Brand,
    *,
    platforms: Sequence[str] | None = None,
    templates_dir: Path | None = None,
    platform_rules: Mapping[str, Platform] | None = None,
    x_thread: bool = False,
) -> dict[str, Caption]:
    """Build the caption of ``release`` for each platform.

    Args:
        release: the validated release.
        brand: the brand kit holding the unit registry.
        platforms: which platforms; default: the release's ``platforms``, else the unit's.
        templates_dir: the user's templates folder (same-named files override the built-ins).
        platform_rules: the platform rules; default: built-in merged with the user's.
        x_thread: also split the X caption (with its full body) into a numbered thread.

    Returns:
        The captions by platform id, each within its platform's limit.

    Example:
        >>> captions = build_captions(load_release("rilis/studi-tiru.md"), load_brand())
        >>> captions["x"].length <= 280
        True
    """
    rules = platform_rules or load_platforms(templates_dir)
    unit = resolve_unit(release, brand)
    wanted = list(platforms or release.platforms or unit.platforms)
    env = environment(tuple(search_path("captions", templates_dir)))
    captions: dict[str, Caption] = {}
    for pid in wanted:
        if pid not in rules:
            raise PlatformError(
                _("Unknown platform {platform!r}.").format(platform=pid),
                hint=_("Known platforms: {known}.").format(known=", ".join(rules)),
                location=release.where("platforms"),
            )
        platform = rules[pid]
        tags = make_hashtags(
            [*brand.hashtags, *unit.hashtags, *release.tags], platform.max_hashtags
        )
        if platform.hashtag_placement == "none":
            tags = ()
        job = _Job(
            release=release,
            platform=platform,
            template=f"{pid}.j2",
            context=_context(release, brand, unit, platform),
            env=env,
            lead=release.summary,
            title=release.title,
            hashtags=tags,
        )
        caption = _fit(job)
        if x_thread and platform.counting == "twitter":
            # A thread has room for the whole release: the body too, which the single post omits.
            whole = replace(job, context={**job.context, "full_body": True})
            optional, _main = _blocks(get_kind(release.kind))
            full = _render(whole, _State(show=dict.fromkeys(optional + LATE_BLOCKS, True)))
            caption = replace(caption, thread=split_thread(full, platform))
        captions[pid] = caption
    return captions
