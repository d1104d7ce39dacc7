"""Jinja templates: a user's ``templates/`` folder first, then the builtins.

``{% extends "default:briefing.md.j2" %}`` always reaches the builtin, so a user can override a
template by extending it. Every template gets ``cite(item)``, which marks a line with the numbers
of the articles it came from, matching the numbered source list.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

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
