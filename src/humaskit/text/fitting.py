"""Fitting a caption to its platform's limit: which blocks go, and how far the lead shrinks.

A caption is built from blocks (headline, lead, the kinds' own blocks — hoax and fact, complaint
follow-up, announcement details, highlights — body, key points, quote, figures, agenda, link,
handles, complaint channels, hashtags). When the caption file is longer than the platform
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

Where the platform shows links (X, Facebook, Threads …) the link is the point of the post: it
stays until the lead is gone, so step 3 keeps it and step 4 drops it after the lead and before
the title. A lead cut to fewer than ``LEAD_MIN_WORDS`` words says nothing: it is left out.

Text is only ever cut at a space, so a URL, a mention or a hashtag is never cut, and never just
before the number a clause is about (:func:`humaskit.text.shortening.shorten`).

What is counted is the caption file as a person copies it: the text and its final line break
(:func:`caption_file`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from humaskit.errors import Location, TemplateError
from humaskit.i18n import _
from humaskit.model.kinds import Kind, get_kind
from humaskit.model.platforms import Platform
from humaskit.model.release import Release
from humaskit.text.counting import count_length
from humaskit.text.shortening import ELLIPSIS, shorten
from humaskit.text.templating import render_string, render_template

# The lead is not shortened below this share of the caption limit (at most LEAD_MIN
# characters) before the late blocks are dropped.
LEAD_MIN = 120
LEAD_MIN_SHARE = 0.25
# A lead cut to fewer words than this is left out rather than shown as a stub.
LEAD_MIN_WORDS = 8
# How a caption file ends (job.py and recap.py write it): counted against the limit too.
FILE_END = "\n"
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
class State:
    show: Mapping[str, bool]
    lead_max: int | None = None
    title_max: int | None = None


@dataclass
class FitJob:
    release: Release
    platform: Platform
    template: str
    context: dict[str, Any]
    env: Any
    lead: str
    title: str
    hashtags: tuple[str, ...]


def caption_file(text: str) -> str:
    """The caption file's content: what a person copies, and what is counted."""
    return text + FILE_END


def file_length(text: str, platform: Platform) -> int:
    """The length of the caption file holding ``text``, counted the platform's way."""
    return count_length(caption_file(text), platform)


def shortened_lead(lead: str, max_chars: int | None) -> str:
    """``lead`` cut to ``max_chars``; empty when the cut leaves fewer than LEAD_MIN_WORDS
    words before its "…", which would be a stub ("Pemerintah Desa Bangkleyan…")."""
    if max_chars is None:
        return lead
    short = shorten(lead, max_chars)
    # A whole sentence is no stub, however short; a cut ("…") of a few words is.
    if short.endswith(ELLIPSIS) and len(short.split()) < LEAD_MIN_WORDS:
        return ""
    return short


def _bold(platform: Platform) -> Any:
    def bold(text: str) -> str:
        return f"*{text}*" if platform.formatting == "whatsapp" and text else text

    return bold


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def render_caption(job: FitJob, state: State) -> str:
    lead = shortened_lead(job.lead, state.lead_max)
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
        where = Location(field=f"{job.release.kind}.caption")
        context["kind_block"] = _tidy(render_string(own, context, origin=where)) or None
    return _tidy(render_template(job.env, job.template, context))


class _Trials:
    """Each candidate caption of one fit rendered once and counted once.

    The fitter's binary searches come back to states they have tried, and every step checks
    the text the step before made; rendering a long lead and counting it again each time made
    fitting a long release slow.
    """

    def __init__(self, job: FitJob) -> None:
        self.job = job
        self._texts: dict[tuple[object, ...], str] = {}
        self._lengths: dict[str, int] = {}

    def text(self, state: State) -> str:
        key = (tuple(sorted(state.show.items())), state.lead_max, state.title_max)
        if key not in self._texts:
            self._texts[key] = render_caption(self.job, state)
        return self._texts[key]

    def length(self, text: str) -> int:
        if text not in self._lengths:
            self._lengths[text] = file_length(text, self.job.platform)
        return self._lengths[text]

    def fits(self, text: str) -> bool:
        return self.length(text) <= self.job.platform.caption_limit


def _with_limit(state: State, attr: str, value: int) -> State:
    if attr == "lead_max":
        return replace(state, lead_max=value)
    return replace(state, title_max=value)


def _shrink(state: State, attr: str, low: int, high: int, ok: Any) -> tuple[State, bool]:
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


def _shrink_lead(state: State, lead: str, low: int, high: int, ok: Any) -> State:
    """Step 2: the longest cut of the lead in [low, high] that fits and is no stub; when none
    fits, the shortest cut from ``low`` up that is no stub (the blocks after it make room)."""

    def kept(s: State) -> bool:
        return shortened_lead(lead, s.lead_max) != ""

    best, found = _shrink(state, "lead_max", low, high, lambda s: kept(s) and ok(s))
    if found:
        return best
    while low < high:  # the shortest limit whose cut is no stub
        mid = (low + high) // 2
        if kept(_with_limit(state, "lead_max", mid)):
            high = mid
        else:
            low = mid + 1
    return _with_limit(state, "lead_max", high)


def caption_blocks(kind: Kind) -> tuple[tuple[str, ...], str | None]:
    """The optional blocks of a caption of ``kind``, and the one that is its point."""
    optional = OPTIONAL_BLOCKS + ((OWN_BLOCK,) if kind.caption else ())
    return optional, kind.caption_block or (OWN_BLOCK if kind.caption else None)


def fit_caption(job: FitJob) -> Caption:
    optional, main = caption_blocks(get_kind(job.release.kind))
    state = State(show=dict.fromkeys(optional + LATE_BLOCKS, True))
    trials = _Trials(job)
    text = trials.text(state)
    dropped: list[str] = []
    shortened: list[str] = []
    lead_left_out_at = 0  # where "lead" goes in `dropped` when step 4 leaves it out

    def ok(s: State) -> bool:
        return trials.fits(trials.text(s))

    steps: list[tuple[str, str]] = [("drop", b) for b in optional if b != main]
    steps.append(("lead", "min"))
    late = list(LATE_BLOCKS)
    if main:
        late.insert(late.index("hashtags") + 1, main)
    if job.platform.shows_links and job.context.get("link"):
        # The link is the point of the post: it goes only after the lead.
        late.remove("link")
        steps += [("drop", b) for b in late]
        steps += [("lead", "all"), ("drop", "link"), ("title", "all")]
    else:
        steps += [("drop", b) for b in late]
        steps += [("lead", "all"), ("title", "all")]
    for action, what in steps:
        if trials.fits(text):
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
            if what == "min":
                # Step 2 shortens the lead, never leaves it out: a cut to a stub does not count.
                state = _shrink_lead(state, job.lead, low, high, ok)
            else:
                state, _found = _shrink(state, "lead_max", low, high, ok)
                lead_left_out_at = len(dropped)
            if "lead" not in shortened:
                shortened.append("lead")
        else:
            state, _found = _shrink(state, "title_max", 0, len(job.title), ok)
            shortened.append("title")
        text = trials.text(state)
        if action == "drop" and text != before:
            # Only a block that was in the caption was left out; an empty one is not reported.
            dropped.append(what)
    if state.lead_max is not None and state.lead_max < len(job.lead) and trials.fits(text):
        # Blocks dropped after the lead was cut may have made room: give it back to the lead.
        state, _found = _shrink(state, "lead_max", state.lead_max, len(job.lead), ok)
        text = trials.text(state)
    if "lead" in shortened and shortened_lead(job.lead, state.lead_max) == job.lead.strip():
        shortened.remove("lead")  # given back whole
    elif not shortened_lead(job.lead, state.lead_max) and job.lead.strip():
        # Cut to nothing, or to a stub, which is left out: reported as left out, not shortened.
        shortened.remove("lead")
        dropped.insert(lead_left_out_at, "lead")
    length = trials.length(text)
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
