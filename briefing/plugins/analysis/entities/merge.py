"""Merge stakeholders and places found in several articles into one entry per real-world actor.

Every name and alias of every per-article entry goes through the same clustering the extractors
use within an article (entities.aliases): equal names, state name variants, a surname with the only
full name it fits, an acronym with the only name whose initials it spells. So "Smith" in one
article joins "Jane Smith" from another. An entry joins the cluster of its display name, or of
the full name its article gives a surname it shows alone; kinds are voted by evidence count. A
surname two people of the run bear goes, article by article, to the one that article points to
(`_surnames_in_context`): "Bush" in a sports report is the running back, not the president.

Quotes are attached to the stakeholder whose name or alias the quote's speaker matches (after the
same clustering, so a speaker written as a surname finds the full name). Salience: the sum of the
per-article saliences (each already in (0, 1]) plus 0.25 per quote, divided by the highest, so the
briefing's most central actor scores 1.0.

Cost grows with the number of items, not its square: each name's keys are computed once per merge
(entities.aliases.NameKeys) and a name is compared only with names sharing an index key, so the
items of 5,000 articles merge in about a second.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefing import Evidence, Place, Quote, Stakeholder, StakeholderKind
from briefing.plugins.analysis.entities.acronyms import is_acronym
from briefing.plugins.analysis.entities.aliases import name_groups, state_display
from briefing.plugins.analysis.entities.name_keys import NameKeys
from briefing.plugins.analysis.entities.titles import distinct_roles
from briefing.plugins.text.words import words

QUOTE_WEIGHT = 0.25


def _unique(items: Sequence[Evidence]) -> tuple[Evidence, ...]:
    return tuple(dict.fromkeys(items))


def quotes_once(quotes: Sequence[Quote], *, by_speaker: bool = True) -> list[Quote]:
    """Each quotation once, citing every article that carries it: wires and the papers that
    reprint them quote a chief executive's same words, and a reader should see them once with
    both sources, not twice. Words are compared without case, spacing or punctuation, and with
    ``by_speaker`` only within one speaker's spelling (one stakeholder's quotes pass False: they
    are one speaker however each article wrote the name)."""
    merged: dict[tuple[str, str], Quote] = {}
    for quote in quotes:
        speaker = (quote.speaker or "").casefold() if by_speaker else ""
        key = (speaker, " ".join(words(quote.text)))
        found = merged.get(key)
        merged[key] = quote if found is None else Quote(
            found.speaker, found.text, _unique([*found.evidence, *quote.evidence]))
    return list(merged.values())


def merge_stakeholders(stakeholders: Sequence[Stakeholder], quotes: Sequence[Quote]) -> list[Stakeholder]:
    """One entry per actor, with its quotes attached, ranked by salience (highest first)."""
    keys = NameKeys()
    stakeholders = [_named_in_full(item, keys) for item in stakeholders]
    entries: list[tuple[str, str, int]] = []
    owner: list[int] = []  # entry index -> stakeholder index (-1 for a quote's speaker)
    for index, item in enumerate(stakeholders):
        weight = max(len(item.evidence), 1)
        entries.append((item.name, item.kind, weight))
        owner.append(index)
        for alias in item.aliases:
            entries.append((alias, item.kind, 1))
            owner.append(index)
    speakers: dict[str, int] = {}
    kind_of = _kinds_by_key(stakeholders, keys)
    for quote in quotes:
        if quote.speaker and keys.key(quote.speaker) not in speakers:
            speakers[keys.key(quote.speaker)] = len(entries)
            entries.append((quote.speaker, _speaker_kind(quote.speaker, kind_of, keys), 0))
            owner.append(-1)
    # An acronym an article showed to be an organisation's alias ("MoD" of "Ministry of Defence")
    # stays with it in every article, as if defined there.
    defined = [(alias, item.name) for item in stakeholders if item.kind == "organization"
               for alias in item.aliases if is_acronym(alias)]
    groups = name_groups(entries, defined, keys=keys)
    # An entry's aliases may fall into clusters its name is not in; follow the name.
    cluster_of: dict[int, int] = {}
    entry_cluster: dict[int, int] = {}
    for number, (_, members) in enumerate(groups):
        for i in members:
            entry_cluster[i] = number
    first_entry = {}
    for i, index in enumerate(owner):
        if index >= 0 and index not in first_entry:
            first_entry[index] = i
    for index, i in first_entry.items():
        cluster_of[index] = entry_cluster[i]
    speaker_cluster = {key: entry_cluster[i] for key, i in speakers.items()}
    spoken = [(keys.key(q.speaker), e.article_id) for q in quotes if q.speaker for e in q.evidence]
    by_article = _surnames_in_context(stakeholders, cluster_of, spoken, speaker_cluster, keys)
    for index, item in enumerate(stakeholders):
        for e in item.evidence[:1]:  # a per-article item: its evidence is in one article
            cluster_of[index] = by_article.get((keys.key(item.name), e.article_id), cluster_of[index])
    merged: dict[int, list[Stakeholder]] = {}
    for index, item in enumerate(stakeholders):
        merged.setdefault(cluster_of[index], []).append(item)
    # A speaker written as a name an article's own stakeholder has among its aliases ("Xi" of "Xi
    # Jinping", a first name the article's clustering joined) is that stakeholder in that article.
    named_in_article = {(keys.key(alias), e.article_id): cluster_of[index]
                        for index, item in enumerate(stakeholders)
                        for alias in (item.name, *item.aliases) for e in item.evidence[:1]}
    attached: dict[int, list[Quote]] = {}
    for quote in quotes:
        key = keys.key(quote.speaker or "")
        article = quote.evidence[0].article_id if quote.evidence else ""
        found = named_in_article.get((key, article), by_article.get((key, article), speaker_cluster.get(key)))
        if found is not None and found in merged:
            attached.setdefault(found, []).append(quote)
    result: list[Stakeholder] = []
    for number, items in merged.items():
        result.append(_combine(items, tuple(attached.get(number, ())), keys))
    top = max((s.salience for s in result), default=1.0) or 1.0
    result = [Stakeholder(s.name, s.kind, s.evidence, s.aliases, s.roles, s.quotes,
                          round(s.salience / top, 4)) for s in result]
    return sorted(result, key=lambda s: (-s.salience, s.name))


def _named_in_full(item: Stakeholder, keys: NameKeys) -> Stakeholder:
    """An article's actor shown by surname ("Bush": its prose says so, a caption has the full name)
    goes into the merge as the full name its article gives it ("George W. Bush"): that is who the
    article says it is, wherever else the surname alone leads."""
    key = keys.key(item.name)
    if item.kind != "person" or " " in key:
        return item
    full = next((alias for alias in item.aliases if " " in keys.key(alias)
                 and keys.surname(alias) == key), None)
    if full is None:
        return item
    aliases = (item.name, *(alias for alias in item.aliases if alias != full))
    return Stakeholder(full, item.kind, item.evidence, aliases, item.roles, item.quotes, item.salience)


SHARED_ACTORS = 2
"""How many other actors a lone surname's article must share with one bearer's articles, more
than with any other bearer's, for the surname to be that bearer's."""


def _surnames_in_context(stakeholders: Sequence[Stakeholder], cluster_of: dict[int, int],
                         spoken: Sequence[tuple[str, str]], speaker_cluster: dict[str, int],
                         keys: NameKeys) -> dict[tuple[str, str], int]:
    """Lone surnames that two or more people of the run bear, each given to the one its own
    article points to: (surname key, article id) -> cluster, for the articles where an actor or a
    quote's speaker is named by such a surname alone.

    Name by name, "Bush" goes to the George W. Bush a day's politics names far more often, also in
    a sports report on the running back Reggie Bush. A writer names a person in full before the
    surname alone, so a bearer named in full in the same article (as an actor or as a quote's
    speaker) is the one; a wire's short follow-up may not name anyone in full, but its other
    actors (the team, the coach, the city) are those of one bearer's articles. So a lone surname
    goes to the only bearer named in its article, else to the bearer named in full in two articles
    or more whose articles share at least SHARED_ACTORS other actors with its own and more than any
    other bearer's do (a name met once, often a headline's words taken for a person, "Obama Flips
    Bush", is too thin); else the name-by-name choice stands."""
    bearers: dict[str, set[int]] = {}
    articles_of: dict[int, set[str]] = {}
    for index, item in enumerate(stakeholders):
        if item.kind == "person" and len(keys.key(item.name).split()) > 1:
            bearers.setdefault(keys.surname(item.name), set()).add(cluster_of[index])
            articles_of.setdefault(cluster_of[index], set()).update(e.article_id for e in item.evidence)
    shared = {key for key, owners in bearers.items() if len(owners) > 1}
    named_alone = {(keys.key(item.name), e.article_id) for item in stakeholders
                   if item.kind in ("person", "organization") for e in item.evidence}
    wanted = {pair for pair in (*named_alone, *spoken) if pair[0] in shared}
    if not wanted:
        return {}
    company: dict[str, set[int]] = {}  # article -> the clusters of its actors and speakers
    for index, item in enumerate(stakeholders):
        if keys.key(item.name) not in shared:
            for e in item.evidence:
                company.setdefault(e.article_id, set()).add(cluster_of[index])
    for key, article in spoken:
        if key not in shared and key in speaker_cluster:
            company.setdefault(article, set()).add(speaker_cluster[key])
    around: dict[int, set[int]] = {}  # bearer -> the actors of its articles, made once
    chosen: dict[tuple[str, str], int] = {}
    for key, article in wanted:
        own = company.get(article, set())
        named = bearers[key] & own
        if len(named) == 1:
            chosen[(key, article)] = named.pop()
            continue
        scores = {}
        for bearer in bearers[key]:
            if len(articles_of.get(bearer, ())) < 2:
                continue  # named in full once: too thin to claim the surname elsewhere
            if bearer not in around:
                around[bearer] = set().union(*(company.get(a, set()) for a in articles_of.get(bearer, ())))
            scores[bearer] = len((own & around[bearer]) - bearers[key])
        best = max(scores.values(), default=0)
        winners = [bearer for bearer, score in scores.items() if score == best]
        if best >= SHARED_ACTORS and len(winners) == 1:
            chosen[(key, article)] = winners[0]
    return chosen


def _kinds_by_key(stakeholders: Sequence[Stakeholder], keys: NameKeys) -> dict[str, str]:
    """Each name's or alias's key -> the kind of the first entry carrying it."""
    kinds: dict[str, str] = {}
    for item in stakeholders:
        for name in (item.name, *item.aliases):
            kinds.setdefault(keys.key(name), item.kind)
    return kinds


def _speaker_kind(speaker: str, kind_of: dict[str, str], keys: NameKeys) -> str:
    """A speaker named like a stakeholder has its kind; else a capitalised word is a person."""
    key = keys.key(speaker)
    if key in kind_of:
        return kind_of[key]
    return "person" if len(key.split()) == 1 and speaker[:1].isupper() else "group"


def _combine(items: list[Stakeholder], quotes: tuple[Quote, ...], keys: NameKeys) -> Stakeholder:
    kinds: dict[StakeholderKind, int] = {}
    names: dict[str, int] = {}
    surnames = {keys.surname(i.name) for i in items if i.kind == "person" and " " in keys.key(i.name)}
    for item in items:
        kind: StakeholderKind = ("person" if item.kind == "organization"
                                 and keys.key(item.name) in surnames else item.kind)
        kinds[kind] = kinds.get(kind, 0) + len(item.evidence)
        names[item.name] = names.get(item.name, 0) + len(item.evidence)
        for alias in item.aliases:
            names.setdefault(alias, 0)
    kind = max(kinds.items(), key=lambda pair: pair[1])[0]
    if kind == "country":
        display = state_display(names)
    else:
        # the fullest name, its words counted without a company's legal form ("BP Plc" is "BP")
        display = max(names.items(), key=lambda pair: (len(keys.key(pair[0]).split()), pair[1]))[0]
    seen = {keys.key(display)}
    aliases = []
    for name in names:
        if keys.key(name) not in seen:
            seen.add(keys.key(name))
            aliases.append(name)
    roles = distinct_roles(role for item in items for role in item.roles)
    evidence = _unique([e for item in items for e in item.evidence])
    quotes = tuple(dict.fromkeys(q for item in items for q in item.quotes)) + quotes
    salience = sum(item.salience for item in items) + QUOTE_WEIGHT * len(quotes)  # every outlet's
    return Stakeholder(display, kind, evidence, tuple(aliases), roles,
                       tuple(quotes_once(quotes, by_speaker=False)), salience)


def merge_places(places: Sequence[Place]) -> list[Place]:
    """One entry per place (names and state variants merged), ranked by how often it is mentioned."""
    keys = NameKeys()
    entries = [(p.name, "country" if keys.state(p.name) else "place", max(len(p.evidence), 1))
               for p in places]
    groups = name_groups(entries, keys=keys)
    merged = []
    for group, members in groups:
        evidence = _unique([e for i in members for e in places[i].evidence])
        aliases = [a for i in members for a in places[i].aliases]
        names = [places[i].name for i in members] + aliases
        display = group.display
        seen = {keys.key(display)}
        extra = []
        for name in names:
            if keys.key(name) not in seen:
                seen.add(keys.key(name))
                extra.append(name)
        merged.append(Place(display, evidence, tuple(extra)))
    return sorted(merged, key=lambda p: (-len(p.evidence), p.name))
