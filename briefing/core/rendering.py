"""Jinja templates: a user's ``templates/`` folder first, then the builtins.

``{% extends "default:briefing.md.j2" %}`` always reaches the builtin, so a user can override a
template by extending it. Every template gets ``cite(item)``, which marks a line with the numbers
of the articles it came from, matching the numbered source list.

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
from briefing.core.models import Briefing

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


def render(env: jinja2.Environment, template_name: str, briefing: Briefing | None, *,
           block: str | None = None, **extra: Any) -> str:
    """Render one template for a briefing; any template problem becomes a one-line TemplateError.

    ``block`` renders just that block of the template: a chat reply with a briefing's risks is
    the ``risks`` block of the Telegram template, so an override of the template reaches the
    reply too. Without a briefing ``cite`` marks nothing."""
    import jinja2

    articles = briefing.articles if briefing is not None else ()
    numbers = {article.id: i for i, article in enumerate(articles, start=1)}

    def cite(item: Any) -> str:
        evidence = getattr(item, "evidence", ())
        found = sorted({numbers[e.article_id] for e in evidence if e.article_id in numbers})
        return "[" + ", ".join(str(n) for n in found) + "]" if found else ""

    def in_story(items: Any, story: Any) -> list[Any]:
        """The items with evidence from the story's articles, in their ranked order."""
        members = set(story.article_ids)
        return [i for i in items if any(e.article_id in members for e in getattr(i, "evidence", ()))]

    try:
        template = env.get_template(template_name)
        values = {"briefing": briefing, "cite": cite, "in_story": in_story,
                  "source_numbers": numbers, **extra}
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
