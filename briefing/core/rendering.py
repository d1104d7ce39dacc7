"""Jinja templates: a user's ``templates/`` folder first, then the builtins.

``{% extends "default:briefing.md.j2" %}`` always reaches the builtin, so a user can override a
template by extending it. Every template gets ``cite(item)``, which marks a line with the numbers
of the articles it came from, matching the numbered source list (``cite_articles(ids)`` the same
for a story's articles); ``in_story(items, story)``, the items at home in a story (story_homes);
``whats_new()``, the new stories and the developing ones with their new facts;
and ``beyond(items, *shown)``, the items that do not repeat a sentence of those summaries or
items; ``unsaid(summary, *summaries)``, a summary's text without the sentences those summaries
already gave.

Article text is written by strangers, so every template escapes it for its format: HTML ones
autoescape, and Markdown ones pass each string through ``md`` (and links through ``md_link``),
without which ``<script>`` is kept as HTML by Markdown viewers and a title such as
``x](http://evil.example) [y`` becomes a link.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from briefing.core.errors import TemplateError
from briefing.core.models import Briefing, Summary
from briefing.core.story_homes import home_rank, items_at_home, story_ranks

if TYPE_CHECKING:
    import jinja2

    from briefing.core.plugins import Plugins


def make_environment(plugins: Plugins | None, templates_dir: Path | None, *,
                     autoescape: bool = False) -> jinja2.Environment:
    import jinja2

    builtin = jinja2.PackageLoader("briefing", "templates")
    loaders: list[jinja2.BaseLoader] = []
    if templates_dir is not None:
        loaders.append(jinja2.FileSystemLoader(str(templates_dir)))
    loaders += [jinja2.PrefixLoader({"default": builtin}, delimiter=":"), builtin]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["percent_range"] = percent_range
    env.filters["md"] = markdown_text
    env.filters["md_link"] = markdown_link
    env.filters["unstated_speaker"] = unstated_speaker
    if plugins is not None:
        plugins.hook.prepare_jinja2_environment(env=env)
    return env


def source_marks(found: set[int]) -> str:
    """Source numbers as a line ends with them: "[2, 5]", and a run of three or more as a range,
    "[19–21, 23–29]" (a story told by thirty reports of a big day cited every one of them)."""
    if not found:
        return ""
    runs: list[list[int]] = []
    for number in sorted(found):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    parts = [f"{run[0]}–{run[-1]}" if len(run) >= 3 else ", ".join(map(str, run)) for run in runs]
    return "[" + ", ".join(parts) + "]"


def render(env: jinja2.Environment, template_name: str, briefing: Briefing | None, *,
           block: str | None = None, **extra: Any) -> str:
    """Render one template for a briefing; any template problem becomes a one-line TemplateError.

    ``block`` renders just that block of the template: a chat reply with a briefing's risks is
    the ``risks`` block of the Telegram template, so an override of the template reaches the
    reply too. Without a briefing ``cite`` marks nothing."""
    import jinja2

    articles = briefing.articles if briefing is not None else ()
    stories = briefing.stories if briefing is not None else ()
    numbers = {article.id: i for i, article in enumerate(articles, start=1)}

    def cite(item: Any) -> str:
        evidence = getattr(item, "evidence", ())
        return source_marks({numbers[e.article_id] for e in evidence if e.article_id in numbers})

    def cite_articles(article_ids: Any) -> str:
        """The numbers of these articles in the source list, as ``cite`` marks an item: what a
        story's line cites (its articles, or the new ones of a developing story)."""
        return source_marks({numbers[i] for i in article_ids or () if i in numbers})

    ranks = story_ranks(stories)

    def in_story(items: Any, story: Any) -> list[Any]:
        """The items whose home is the story (story_homes: most of their evidence is in it), in
        their ranked order; so no item is printed under two stories."""
        return items_at_home(items, stories, story, ranks)

    def whats_new() -> list[tuple[Any, list[Any]]]:
        """What is news since the earlier briefings of this name, in rank order: each new story
        that has something to say (a summary, or facts at home in it), with no facts listed (its
        own section has them), and each developing story that has new facts, with those facts."""
        homes: dict[int, list[Any]] = {}
        for fact in briefing.facts if briefing is not None else ():
            rank = home_rank(fact, ranks)
            if rank is not None:
                homes.setdefault(rank, []).append(fact)
        found: list[tuple[Any, list[Any]]] = []
        for rank, story in enumerate(stories):
            facts = homes.get(rank, [])
            if story.status == "developing":
                fresh = [fact for fact in facts if getattr(fact, "new", True)]
                if fresh:
                    found.append((story, fresh))
            elif story.status == "new" and (story.summary or facts):
                found.append((story, []))
        return found

    def beyond(items: Any, *shown: Any) -> list[Any]:
        """The items that quote no sentence already shown: by a summary, an item or a list of
        items given in ``shown`` (so a sentence is not printed twice, as a fact and as a risk)."""
        said = {(e.article_id, e.sentence_index)
                for entry in shown if entry
                for thing in (entry if isinstance(entry, list | tuple) else [entry])
                for e in getattr(thing, "evidence", ())}
        return [i for i in items
                if not any((e.article_id, e.sentence_index) in said for e in getattr(i, "evidence", ()))]

    def unsaid(summary: Summary | None, *shown: Summary | None) -> Summary | None:
        """A summary without the sentences already shown (the digest at the top quotes each
        story's best sentence; the story's section then goes on from there), or None."""
        if summary is None:
            return None
        said = {(e.article_id, e.sentence_index) for entry in shown if entry for e in entry.evidence}
        kept = tuple(e for e in summary.evidence if (e.article_id, e.sentence_index) not in said)
        if len(kept) == len(summary.evidence):
            return summary
        return Summary(" ".join(e.quote for e in kept), kept) if kept else None

    try:
        template = env.get_template(template_name)
        values = {"briefing": briefing, "cite": cite, "cite_articles": cite_articles,
                  "in_story": in_story, "whats_new": whats_new, "beyond": beyond,
                  "unsaid": unsaid, "source_numbers": numbers, **extra}
        if block is None:
            return template.render(values)
        if block not in template.blocks:
            raise TemplateError(f"{template_name}: has no block {block!r}")
        return "".join(template.blocks[block](template.new_context(values)))
    except jinja2.TemplateSyntaxError as error:
        where = error.filename or error.name or template_name
        raise TemplateError(f"{where}:{error.lineno}: template syntax error: {error.message}") from None
    except jinja2.TemplateNotFound as error:
        raise TemplateError(f"{template_name}: template not found ({error.name})") from None
    except jinja2.UndefinedError as error:
        raise TemplateError(f"{template_name}: {error.message}") from None
    except jinja2.TemplateError as error:
        raise TemplateError(f"{template_name}: template error: {error}") from None


def percent_range(probability: tuple[float, float] | list[float] | None) -> str:
    """``(0.8, 0.9)`` -> ``80-90%``; nothing for None."""
    if not probability:
        return ""
    low, high = probability
    return f"{round(low * 100)}-{round(high * 100)}%"


def unstated_speaker(item: Any) -> str:
    """The item's speaker when its text does not already name them, else nothing.

    A risk phrased as its whole sentence often keeps its attribution ("..., according to the
    ministry, ..."); adding "(according to the ministry)" after it says the same thing twice.
    """
    speaker = getattr(item, "speaker", None) or ""
    return "" if speaker.casefold() in getattr(item, "text", "").casefold() else speaker


# Characters that start Markdown constructs anywhere in a line (emphasis, code, links, HTML,
# autolinks), and what starts a block at the beginning of one (headings, quotes, lists).
_INLINE = re.compile(r"([\\`*_\[\]<>])")
_LINE_START = re.compile(r"^([#>+\-=]|\d+(?=[.)]))")
_NEWLINES = re.compile(r"\s*[\r\n]+\s*")
# Control characters: a terminal showing the Markdown (the stdout output) would obey an escape
# sequence (colours, the window title, a hidden hyperlink); none belongs in a briefing.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def markdown_text(value: Any) -> str:
    """``value`` as literal Markdown text: one line, every character that could start a construct
    backslash-escaped (CommonMark lets any ASCII punctuation be escaped), the rest left readable."""
    text = _NEWLINES.sub(" ", "" if value is None else str(value)).strip()
    text = _CONTROL.sub("", text.replace("\t", " "))
    text = _INLINE.sub(r"\\\1", text)
    found = _LINE_START.match(text)
    if found:
        marker = found.group(1)
        text = (f"{marker}\\{text[len(marker):]}" if marker[0].isdigit() else f"\\{text}")
    return text


def markdown_link(url: Any, text: Any) -> str:
    """``[text](url)`` for an http(s) URL, both escaped; just the text for any other scheme
    (``javascript:``, ``data:``, ``file:``), which must never become a link."""
    label = markdown_text(text)
    if not isinstance(url, str) or not url.lower().startswith(("http://", "https://")):
        return label
    target = quote(url, safe=_URL_SAFE).replace("(", r"\(").replace(")", r"\)")
    return f"[{label}]({target})"


# Printable ASCII kept as it is in a link's target, but for what could end or break it there.
_URL_SAFE = "".join(chr(c) for c in range(33, 127) if chr(c) not in '<>"`\\')
