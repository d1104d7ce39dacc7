"""How bad a risk would be: severity from what is at stake, read in the risk's own clause.

A risk's severity says what would be lost if it happened, not how sure anyone is (likelihood is
reported apart) and not which alarming word happens to sit elsewhere in the sentence: "the
bombing could be heard" puts no life at stake, and a quotation's attribution ("the ministry, which
reported the attack, said ...") is not the risk. The stakes follow the impact scales of risk
matrices (ISO 31000 / IEC 31010 practice rates impact on people, territory and assets):

- high: lives and health (killing, attack, war, epidemic, famine, earthquake) or a state's territory and
  stability (invasion, occupation, siege, coup, collapse; seizing a town, not assets);
- medium: money, livelihood and order (loss, damage, recession, default, shortages, sanctions,
  unrest, disruption), and data, privacy and control of computer systems (theft, spying, hacking);
- low: anything else a risk names (reputation, embarrassment, a risky update).

Leaving someone without, with too few, or in want ("could leave only one coroner", "would leave
thousands without power") is a shortage. A word of scale ("thousands", "nationwide", a number of
1,000 or more) raises severity one step.
A harm word made its opposite by a prefix ("de-escalation", "counter-terrorism") or used only to
modify a harmless noun ("war crimes", "terror group") counts for nothing; a strike "on" or
"against" something is an attack on lives, a strike over pay is not. Works on spaCy tokens;
nothing here imports spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from briefing.plugins.analysis.extract.risk_harm_events import harm_event, prefixed_away
from briefing.plugins.analysis.extract.risk_text import negated_here
from briefing.plugins.text.words import word_set

LIVES = word_set("""
kill killing death dead die casualty massacre war warfare terrorism terrorist terror attack bomb
bombing genocide famine epidemic pandemic assassinate assassination execution shelling airstrike
missile insurgency shooting explosion blast injure injury wound violence fighting nuclear chemical
kidnap kidnapping hostage starvation disease outbreak life lives fatal deadly lethal toll
earthquake quake aftershock tsunami hurricane cyclone typhoon tornado wildfire
landslide mudslide avalanche eruption extinction
""")  # the last two lines: natural hazards, rated by the lives they take ("flood" is left out: "could
# flood the market")
STATE = word_set("""
invasion invade occupation occupy annex annexation coup overthrow collapse catastrophe catastrophic
destroy destruction annihilate wipe territory sovereignty secession partition capture recapture
retake storm overrun encircle besiege siege
""")
PLACE_NOUNS = word_set("""
town city village territory area region base district province land airport port border capital
""")
ORDER_AND_MONEY = word_set("""
loss lose damage defeat crisis sanction instability unrest conflict decline disrupt disruption
consequence fail failure shortage detrimental degrade escalation escalate strike clash fall weaken
retaliation retaliate harm recession default spread displace displacement blackout humiliation
shutdown seize seizure cost debt bankruptcy unemployment layoff inflation eviction evict deport
ruin ruinous drought havoc chaos
""")
# Data, privacy and control of computer systems (the guide's harm since the fifth round): theft,
# spying, take-over, and those who do them ("an attacker could also set a location alert": a
# hedged act of an attacker is an attack). "Compromise" and "leak" are left out: a political
# compromise, a leak to the press. "Criminals" only in the plural, the doers: the adjective
# classifies ("a criminal investigation").
DATA_AND_CONTROL = word_set("""
steal theft stolen extort extortion ransom ransomware malware spyware intercept hijack spy
eavesdrop infect infection hack hacking breach phishing fraud attacker hacker crook cybercriminal
thief fraudster scammer criminals
""")
# The environment and legal exposure, the impact categories of risk matrices beside people and
# assets: pollution ("the oil could reach the marshes" names none, "could contaminate" does) and a
# party's exposure to courts and regulators. "Fines" only in the plural (the adjective "fine");
# "leak" is left out, as above.
ENVIRONMENT_AND_LAW = word_set("""
pollution pollute polluted contaminate contamination toxic poison poisoning spill slick
lawsuit litigation prosecution prosecute penalty penalties fines liability indictment sue
""")
HARM = LIVES | STATE | ORDER_AND_MONEY | DATA_AND_CONTROL | ENVIRONMENT_AND_LAW
SCALE_WORDS = word_set("""
thousands millions billions hundreds entire whole nationwide widespread global worldwide massive
mass region-wide large-scale unprecedented
""")
SEVERITIES = ("low", "medium", "high")


# Phrasal harms: a word that names a harm only with its particle or preposition, as (lemma, part
# of speech or None for any, the particle's dependency, the particle) -> the harm it means.
# "Miss out on care" is a loss where "miss the bus" is not; "a drag on the economy" a decline
# where "a drag race" is not.
PHRASAL_HARMS = {
    ("miss", None, "prt", "out"): "loss",
    ("drag", "NOUN", "prep", "on"): "decline",
}


DEPRIVED = word_set("homeless jobless stranded exposed destitute defenceless defenseless penniless")
SCARCE = word_set("only just no few")


def _leaves_deprived(token: Any) -> bool:
    """"Could leave only one coroner", "would leave thousands without power", "may leave them
    homeless": leaving someone without, with too few, or in a state of want is a shortage."""
    if token.lemma_.lower() != "leave" or token.pos_ != "VERB":
        return False
    left = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "without":
            return True
        if child.dep_ in ("oprd", "acomp", "ccomp", "xcomp") and child.lower_ in DEPRIVED:
            return True
        if child.dep_ == "dobj":
            left.append(child)  # "leave only one coroner"
        elif child.dep_ == "prep" and child.lower_ == "with":
            left += [g for g in child.children if g.dep_ == "pobj"]  # "leave the island with only one"
    return any(g.lower_ in SCARCE and g.dep_ in ("advmod", "det", "amod")
               for n in left for m in (n, *n.children) for g in m.children)


def _words(token: Any) -> set[str]:
    words = {token.lemma_.lower(), token.lower_}
    if _leaves_deprived(token):
        words.add("shortage")
    for (lemma, pos, dep, particle), harm in PHRASAL_HARMS.items():
        if lemma in words and pos in (None, token.pos_) \
                and any(c.dep_ == dep and c.lower_ == particle for c in token.children):
            words.add(harm)
    return words


MEASURES = word_set("toll count number figure rate tally")


def _modifier_only(token: Any) -> bool:
    """A harm word that only modifies another noun ("war crimes", "terror group"): an English
    compound means what its head means, unless the head counts the harm ("death count")."""
    return token.dep_ == "compound" and not (_words(token.head) & (HARM | MEASURES))


# Coming through a harm: "help insurers weather the crisis", "may be able to get through this
# crisis", "recover from the recession". The harm is one that is there already, and what lies
# ahead is getting past it; "may not survive the crisis" (negated) is a loss again.
OVERCOMING = word_set("weather survive overcome withstand outlast")
OVERCOMING_PREPS = {("get", "through"), ("come", "through"), ("pull", "through"), ("recover", "from"),
                    ("emerge", "from")}


def _come_through(token: Any) -> bool:
    """A harm that is the object of coming through it, not negated (see OVERCOMING)."""
    head = token.head
    if token.dep_ == "dobj" and head.lemma_.lower() in OVERCOMING:
        verb = head
    elif token.dep_ == "pobj" and head.dep_ == "prep" \
            and (head.head.lemma_.lower(), head.lower_) in OVERCOMING_PREPS:
        verb = head.head
    else:
        return False
    return not negated_here(verb)


def harm_words(tokens: Iterable[Any]) -> set[str]:
    """The harm words among the tokens (a prefixed-away word, "de-escalation", a modifier of a
    harmless noun, "war crimes", a harm said to be absent, "no damage", or one come through,
    "weather the crisis", is none)."""
    return {w for t in tokens if not prefixed_away(t) and not _modifier_only(t)
            and not (t.pos_ == "NOUN" and negated_here(t)) and not _come_through(t) for w in _words(t) & HARM}


def _attack_strike(token: Any) -> bool:
    """A strike on or against something is an attack; a strike over pay is a stoppage."""
    return token.lemma_.lower() == "strike" and any(
        c.dep_ == "prep" and c.lower_ in ("on", "against") for c in token.children)


def _seized_place(token: Any) -> bool:
    """Seizing a town is a loss of territory; seizing assets is a loss of money."""
    objects = [*token.children, *(g for p in token.children if p.dep_ == "prep" for g in p.children)]
    places = [c for c in objects if c.dep_ in ("dobj", "pobj")
              and (c.ent_type_ in ("GPE", "LOC", "FAC") or c.lemma_.lower() in PLACE_NOUNS)]
    return token.lemma_.lower() in ("seize", "seizure", "take") and bool(places)


def severity(tokens: Iterable[Any]) -> str:
    """high / medium / low by what is at stake among the tokens, one step up for scale."""
    tokens = list(tokens)
    found = harm_words(tokens)
    level = 2 if found & (LIVES | STATE) or any(_attack_strike(t) or _seized_place(t) for t in tokens) \
        else 1 if found else 0
    if any(_words(t) & SCALE_WORDS for t in tokens) or any(
            t.like_num and t.text.replace(",", "").isdigit() and int(t.text.replace(",", "")) >= 1000
            for t in tokens):
        level = min(2, level + 1)
    return SEVERITIES[level]


def names_harm(tokens: Iterable[Any]) -> bool:
    """A harm word (above) or a harmful event (risk_harm_events) among the tokens: the one
    vocabulary of harm that hedges, threats, idioms and losses ahead all read."""
    tokens = list(tokens)
    return bool(harm_words(tokens)) or any(harm_event(t) for t in tokens)
