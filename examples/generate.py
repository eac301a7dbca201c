"""Write the example organisations' data files in the generic CSV format.

Rerun from the repository root with

    .venv/bin/python examples/generate.py

It is deterministic (one seeded random generator per organisation, no clock), so the CSVs come
out byte for byte the same; commit them together with any change to this script. The CSVs are
the product: each organisation's posting rhythm (weekdays, hours, holidays, seasons), content
mix, metrics a platform does or does not report, and the way it answers its audience (who
answers, in which hours, how fast, what is left unanswered) follow the profile its README
describes, so that an assessment has something real to find. Texts are written the way such
businesses write (hashtags, emoji, prices, discount codes, opening hours, vacancies, events,
polls, "tag a friend"); labels are left to the classifier.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).parent
START = date(2024, 12, 1)
END = date(2025, 11, 28)  # the last day of data: the assessment's reference time falls on it

POST_HEADER = [
    "id",
    "created_at",
    "text",
    "media_type",
    "impressions",
    "reach",
    "reactions",
    "comments",
    "shares",
    "clicks",
]
INTERACTION_HEADER = ["id", "post_id", "created_at", "author", "text", "reply_created_at"]
INTENTS = ("promotional", "informational", "conversational")
MESSAGE_KINDS = ("question", "complaint", "praise", "tag", "answer", "other")


# --------------------------------------------------------------------------------------------
# How an organisation writes
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Season:
    """Posts that belong to a period of the year (Sinterklaas, Easter, the summer sales)."""

    start: date
    end: date
    intent: str
    templates: tuple[str, ...]
    share: float = 0.5  # of the posts in the period that are about it


@dataclass
class Voice:
    """What an organisation writes, per intent, and what its audience writes back."""

    posts: dict[str, list[str]]
    seasons: list[Season]
    messages: dict[str, list[str]]
    slots: dict[str, list[str]]
    hashtags: list[str]
    openers: list[str] = field(default_factory=list)
    closers: list[str] = field(default_factory=list)
    first_names: list[str] = field(default_factory=list)
    last_names: list[str] = field(default_factory=list)


class _Slots(Mapping[str, str]):
    """`str.format_map` source that draws a fresh value for each placeholder."""

    def __init__(self, slots: dict[str, list[str]], rng: random.Random) -> None:
        self.slots, self.rng = slots, rng

    def __getitem__(self, key: str) -> str:
        return self.rng.choice(self.slots[key])

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.slots)

    def __len__(self) -> int:
        return len(self.slots)


def fill(template: str, slots: dict[str, list[str]], rng: random.Random) -> str:
    return template.format_map(_Slots(slots, rng))


# --------------------------------------------------------------------------------------------
# How a channel is run
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Care:
    """Who answers the audience on a channel: how likely per kind of message, how fast, and in
    which hours (a reply that would fall outside them waits for the next working window)."""

    answer: dict[str, float]
    median_hours: float
    spread: float = 0.9  # sigma of the log-normal delay
    hours: tuple[int, int] = (9, 17)
    days: tuple[int, ...] = (0, 1, 2, 3, 4)  # Monday = 0


@dataclass
class Channel:
    key: str
    platform: str
    followers: int
    posts_per_week: float
    mix: dict[str, float]
    media: dict[str, float]
    reach: tuple[float, float]  # share of followers a post typically reaches
    engagement: float  # reactions per reach
    comments_per_1000_reach: float
    care: Care
    weekdays: tuple[float, ...] = (1, 1, 1, 1, 1, 0.6, 0.3)
    hours: dict[int, float] = field(default_factory=lambda: {8: 3, 9: 2, 12: 2, 17: 1, 19: 1})
    unknown: tuple[str, ...] = ()  # metrics the platform's export does not report
    unknown_before: date | None = None  # reach and impressions unknown before this day
    first_day: date = START
    last_day: date = END
    closed: tuple[tuple[date, date], ...] = ()  # holidays: no posts at all
    copy_from: str | None = None
    copy_share: float = 0.0
    copy_only: bool = False  # every post is a copy of `copy_from`
    max_length: int | None = None
    hashtags: tuple[int, int] = (1, 3)
    handles: bool = False  # audience known by handle (@name) rather than by full name
    extra_columns: tuple[str, ...] = ()  # optional generic columns this export carries
    direct_messages_per_week: float = 0.0  # private messages (kind "message", no post)


@dataclass
class Post:
    id: str
    moment: datetime
    text: str
    media: str
    intent: str


# --------------------------------------------------------------------------------------------
# Bakkerij Van Acker: a Flemish family bakery in Ronse, on the language border
# --------------------------------------------------------------------------------------------

BAKERY = Voice(
    posts={
        "promotional": [
            "Nieuw in de toonbank: {cake}! Nu aan {price} per stuk, zolang de voorraad strekt.",
            "Deze week in promo: {bread} aan {price} 🥖 Op = op!",
            "Weekendactie 🎉 Bij 6 koffiekoeken krijg je er 1 gratis. Geldig zaterdag en zondag.",
            "Bestel je {cake} voor zondag al vandaag, dan ligt hij zaterdag klaar! 📞 055 21 34 56",
            "Vers uit de oven: {bread} met Belgische boter. Vandaag -{pct}% vanaf 15u.",
            "Nog {n} {cake}s beschikbaar voor dit weekend. Reserveer snel via {url}",
            "Probeer nu onze nieuwe {cake} 😍 Slechts {price}, enkel in de winkel.",
            "Ontbijtpakket voor 2 personen met {pastry}, verse jus en {bread}: {price}. "
            "Bestellen tot vrijdag 18u via {url}",
            "Taart van de maand: {cake}! Nu {price} in plaats van €22,50.",
            "Dinsdag = croissantdag 🥐 Alle croissants aan {price}.",
            "Bestel online en haal af zonder aanschuiven 👉 {url}",
            "Op zoek naar een verjaardagstaart? Wij maken ze op maat vanaf {price}. "
            "Bestel minstens 3 dagen op voorhand.",
            "Nouveau : {cake} à {price} ! Commandez dès maintenant au magasin ou via {url}",
            "Promo du week-end : {bread} à {price}. Jusqu'à épuisement du stock !",
            "Stempelkaart vol? Dan krijg je een gratis {bread}! Vraag je kaart aan de kassa.",
            "Vandaag extra veel {pastry} gebakken. Kom ze halen, de eerste 20 klanten krijgen "
            "een gratis koffie ☕",
        ],
        "informational": [
            "Tip van de bakker: bewaar je {bread} in een linnen zak, niet in plastic. "
            "Zo blijft de korst knapperig.",
            "Achter de schermen: om 3u30 staat {baker} al aan de oven 👨‍🍳 Elke dag opnieuw.",
            "Wist je dat ons zuurdesem al 14 jaar leeft? We voeden het elke ochtend met bloem "
            "van de Molen van Nukerke.",
            "Vacature: we zoeken een verkoper (m/v/x) voor de weekends, 16u per week. "
            "Interesse? Mail naar info@bakkerijvanacker.be",
            "Wij zoeken een leerjongen of leermeisje bakker (duaal leren). "
            "Kom eens langs voor een babbel!",
            "Onze openingsuren: di-vr 6u30-18u30, za 6u30-17u, zo 7u-13u. Maandag rustdag.",
            "Opgelet: de Grote Markt is zaterdag afgesloten voor de braderie. "
            "Je kan parkeren aan de Kaatsspelplein.",
            "Nieuw: je kan bij ons nu ook betalen met Payconiq 📱",
            "Even voorstellen: dit is {staff}, al {n} jaar het vriendelijke gezicht achter "
            "onze toonbank 💛",
            "Het geheim van een goede {bread}? Tijd. Ons deeg rijst 18 uur.",
            "Allergenen? Vraag gerust naar onze allergenenlijst in de winkel of bekijk ze op https://bakkerijvanacker.be/allergenen",
            "Horaires : du mardi au samedi de 6h30 à 18h30, dimanche de 7h à 13h. Fermé le lundi.",
            "Zo maak je een perfecte tosti met ons {bread}: eerst de boter aan de buitenkant!",
            "Wist je dat we al onze restjes brood elke avond aan de voedselbank geven? 🙏",
        ],
        "conversational": [
            "Team croissant 🥐 of team pain au chocolat 🍫? Laat het ons weten in de reacties!",
            "Welke taart moet volgende maand de taart van de maand worden: pistache of "
            "speculoos? Stem hieronder 👇",
            "Tag iemand met wie je deze {cake} zou delen 😋",
            "Wat eet jij het liefst op zondagochtend? 🥐🥖🧁",
            "Vertel eens: wat is jouw favoriete koek uit onze toonbank?",
            "Tag een vriend(in) die een ontbijt op bed verdient ❤️",
            "Rijsttaart of mattentaart? Er kan er maar één winnen 😄",
            "Vous préférez quoi le dimanche : croissant ou cramique ? Dites-le-nous !",
        ],
    },
    seasons=[
        Season(
            date(2024, 12, 1),
            date(2024, 12, 5),
            "promotional",
            (
                "Sinterklaas komt eraan 🎁 Chocoladeletters, speculaas en marsepein liggen klaar "
                "in de winkel! Speculaas per 500 g: {price}.",
                "Laatste kans: chocoladeletters met naam bestellen kan nog tot woensdag 12u.",
            ),
        ),
        Season(
            date(2024, 12, 8),
            date(2024, 12, 22),
            "promotional",
            (
                "Bestel nu je kerststronk 🎄 Mokka, praliné of framboos, voor 4, 6 of 8 personen "
                "vanaf {price}. Bestellen kan tot 20 december via {url}",
                "Ons feestassortiment is er: kerststronken, pralines en feestbroodjes. "
                "Bestel tijdig! 🎄",
                "Bûches de Noël : moka, praliné ou framboise. Commandez avant le 20 décembre ! 🎄",
            ),
            0.7,
        ),
        Season(
            date(2024, 12, 20),
            date(2024, 12, 31),
            "informational",
            (
                "Onze openingsuren tijdens de feestdagen: 24/12 van 6u30 tot 16u, 25/12 gesloten, "
                "26/12 van 7u tot 13u, 31/12 van 6u30 tot 15u, 1/1 gesloten. Fijne feesten! 🎄",
            ),
            0.4,
        ),
        Season(
            date(2025, 1, 2),
            date(2025, 1, 6),
            "promotional",
            (
                "Driekoningentaart met boon en kroon 👑 Voor 4 of 6 personen, vanaf {price}. "
                "Wie vindt de boon?",
                "Galette des rois à la frangipane 👑 À partir de {price}, avec fève et couronne !",
            ),
            0.8,
        ),
        Season(
            date(2025, 2, 7),
            date(2025, 2, 14),
            "promotional",
            (
                "Valentijn ❤️ Hartjestaartjes met framboos voor 2 personen: {price}. "
                "Bestel tot donderdag!",
            ),
            0.8,
        ),
        Season(
            date(2025, 4, 5),
            date(2025, 4, 19),
            "promotional",
            (
                "Pasen komt eraan 🐣 Paaseitjes van huisgemaakte praliné, {price} per 250 g.",
                "Paasbrood met rozijnen en een paasnestje voor de kinderen: bestel voor "
                "zaterdag via {url}",
            ),
            0.7,
        ),
        Season(
            date(2025, 5, 1),
            date(2025, 5, 10),
            "promotional",
            (
                "Moederdag zondag 11 mei 💐 Verras mama met een ontbijtpakket aan {price}. "
                "Bestellen tot vrijdag.",
                "Tag je mama en maak kans op een moederdagtaart! 💐 Winnaar bekend op vrijdag.",
            ),
            0.7,
        ),
        Season(
            date(2025, 6, 1),
            date(2025, 6, 7),
            "promotional",
            ("Vaderdag 👔 Een rijsttaart voor papa? Nu {price} voor 6 personen.",),
            0.6,
        ),
        Season(
            date(2025, 6, 28),
            date(2025, 7, 12),
            "informational",
            (
                "Jaarlijks verlof: de bakkerij is gesloten van maandag 14 juli tot en met "
                "zondag 3 augustus. Vanaf dinsdag 5 augustus staan we weer voor jullie klaar ☀️",
                "Congé annuel : fermé du 14 juillet au 3 août inclus. À bientôt ! ☀️",
            ),
            0.6,
        ),
        Season(
            date(2025, 8, 5),
            date(2025, 8, 9),
            "informational",
            ("We zijn terug! 💪 Uitgerust en klaar om weer vers brood te bakken.",),
            0.8,
        ),
        Season(
            date(2025, 11, 14),
            date(2025, 11, 23),
            "informational",
            (
                "Week van de Smaak 🍞 Zaterdag kan je in de bakkerij proeven van 5 soorten "
                "zuurdesem en zien hoe ons brood gemaakt wordt. Iedereen welkom van 9u tot 12u!",
            ),
            0.6,
        ),
        Season(
            date(2025, 11, 24),
            date(2025, 11, 28),
            "promotional",
            (
                "De Sint is in het land 🎁 Speculaas en chocoladeletters liggen weer in de "
                "winkel. Bestel je letter met naam voor 3 december: {price}.",
            ),
            0.6,
        ),
    ],
    messages={
        "question": [
            "Zijn jullie open op {day}?",
            "Kan ik nog een {cake} bestellen voor zondag?",
            "Hoeveel kost de kerststronk voor 8 personen?",
            "Hebben jullie ook glutenvrij brood?",
            "Tot hoe laat kan ik bestellen voor zaterdag?",
            "Is er vandaag nog {bread}?",
            "Maken jullie ook taarten met een foto erop?",
            "Kan je bij jullie met Bancontact betalen?",
            "Leveren jullie ook aan huis in Kluisbergen?",
            "Is de {cake} lactosevrij?",
            "Vous faites des gâteaux d'anniversaire sur commande ?",
            "C'est ouvert le {day} ?",
            "Hoe lang op voorhand moet ik een communietaart bestellen?",
            "Is die actie ook geldig in het weekend?",
        ],
        "complaint": [
            "Taart besteld voor zaterdag 14u, om 14u30 was ze er nog altijd niet 😡",
            "Mijn {bread} van vanmorgen was vanbinnen nog nat. Jammer, normaal is het top.",
            "Al drie keer gebeld voor een bestelling, niemand neemt op.",
            "Opgelet: in de winkel betaalde ik meer dan de prijs die hier staat!",
            "Déçue, les croissants étaient brûlés ce matin.",
            "20 minuten aangeschoven en dan waren de pistolets op. Niet oké.",
            "Online besteld maar mijn bestelling lag niet klaar. Zeer teleurgesteld.",
        ],
        "praise": [
            "Superlekker! De beste rijsttaart van de streek 😍",
            "Dikke merci voor de prachtige verjaardagstaart, iedereen was onder de indruk!",
            "Altijd vriendelijk geholpen 👍",
            "Miam, merci ! Toujours délicieux 🥐",
            "Die croissants zijn echt top 🥐🔥",
            "Heerlijk brood, elke week opnieuw. Merci!",
            "Beste bakker van Ronse, zonder twijfel!",
        ],
        "tag": [
            "@{friend} zondag ontbijt? 😋",
            "@{friend} kijk!! 😍",
            "@{friend} die moeten we eens proberen",
            "@{friend} voor je verjaardag 😉🎂",
            "@{friend} regarde ça 😋",
        ],
        "answer": [
            "Team croissant!! 🥐",
            "Pain au chocolat natuurlijk 🍫",
            "Pistache 💚",
            "Speculaas!",
            "Rijsttaart, altijd",
            "Mattentaart 😄",
            "Cramique !",
        ],
        "other": ["😍😍", "👏👏👏", "🔥", "Mmm 🤤"],
    },
    slots={
        "bread": [
            "zuurdesembrood",
            "spelt-volkorenbrood",
            "cramique",
            "craquelin",
            "pistolets",
            "grof tarwebrood",
            "desem-rogge",
        ],
        "cake": [
            "rijsttaart",
            "mattentaart",
            "frangipanetaart",
            "aardbeientaart",
            "chocoladetaart",
            "pistachetaart",
            "appelcrumble",
        ],
        "pastry": ["croissants", "koffiekoeken", "boterkoeken", "pains au chocolat"],
        "price": ["€1,20", "€2,40", "€3,10", "€3,90", "€12,50", "€18,50", "€24"],
        "pct": ["10", "20", "30"],
        "n": ["5", "6", "8", "12"],
        "url": ["https://bakkerijvanacker.be/bestellen", "https://bakkerijvanacker.be/shop"],
        "day": ["maandag", "paasmaandag", "15 augustus", "1 mei", "zondag", "lundi"],
        "baker": ["Koen", "Pieter-Jan", "onze bakker Koen"],
        "staff": ["Martine", "Lotte", "Nadia"],
    },
    hashtags=[
        "#bakkerij",
        "#ronse",
        "#renaix",
        "#vlaamseardennen",
        "#vers",
        "#ambacht",
        "#zuurdesem",
        "#smakelijk",
        "#lokaal",
        "#taart",
        "#ontbijt",
        "#boulangerie",
        "#steunlokaal",
    ],
    openers=["", "", "", "☀️ ", "🥐 ", "Goeiemorgen! ", "Hallo allemaal! "],
    closers=["", "", "", " Tot straks!", " Smakelijk!", " Team Van Acker 💛", " Tot morgen!"],
    first_names=[
        "An",
        "Sofie",
        "Lien",
        "Tom",
        "Bart",
        "Karim",
        "Emma",
        "Nathalie",
        "Marc",
        "Els",
        "Julie",
        "Wim",
        "Fatima",
        "Kevin",
        "Sarah",
        "Dirk",
    ],
    last_names=[
        "De Smet",
        "Claes",
        "Vermeulen",
        "Van de Velde",
        "Dubois",
        "Lemaire",
        "Peeters",
        "Desmet",
        "Vandenberghe",
        "De Clercq",
        "Lambert",
        "Haddouchi",
    ],
)

# --------------------------------------------------------------------------------------------
# Noorderlicht IT: a Dutch B2B IT services firm (Groningen, Utrecht, Eindhoven), 620 people
# --------------------------------------------------------------------------------------------

IT_FIRM = Voice(
    posts={
        "promotional": [
            "Download ons gratis whitepaper '{topic} in 10 stappen' en ontdek waar jouw "
            "organisatie staat 👉 {url}",
            "Book a free 30-minute {topic} assessment with one of our architects: {url}",
            "Nieuw: Noorderlicht Managed {service}. Vaste prijs per werkplek, 24/7 monitoring. "
            "Vraag een offerte aan via {url}",
            "Webinar {webdate}: '{topic} zonder gedoe'. Meld je nu aan, de plaatsen zijn "
            "beperkt: {url}",
            "Register now for our webinar on {topic} ({webdate}, 10:00 CET): {url}",
            "Is jouw organisatie klaar voor de Cyberbeveiligingswet? Plan een NIS2-quickscan "
            "in, deze maand met 20% korting: {url}",
            "Try our {service} free for 30 days. No credit card needed: {url}",
            "Ontmoet ons op {event}, stand {stand}! Plan vooraf een gesprek met ons "
            "{topic}-team: {url}",
        ],
        "informational": [
            "Hoe bereid je je organisatie voor op {topic}? Vijf lessen uit meer dan 40 "
            "projecten, in ons nieuwe blog: {blog}",
            "Case: hoe {client} met ons naar {platform} migreerde, zonder een dag "
            "downtime. Lees het verhaal: {blog}",
            "Case study: how {client} cut incident response time by 60% with {topic}. {blog}",
            "We zoeken een {role} (m/v/x) in {city}. 32-40 uur, {salary}. "
            "Solliciteer via https://werkenbij.noorderlicht-it.nl",
            "We're hiring: {role} in {city}, hybrid, {salary}. Apply: "
            "https://werkenbij.noorderlicht-it.nl",
            "Welkom aan de {n} nieuwe collega's die deze maand bij ons begonnen 👋",
            "Meet the team: {name}, {role}, on what makes {topic} work in practice. {blog}",
            "Gepland onderhoud: zaterdag van 02:00 tot 06:00 uur is het klantportaal niet "
            "bereikbaar. Onze servicedesk blijft telefonisch bereikbaar.",
            "Update: the incident affecting VPN access in region West has been resolved. "
            "Root cause analysis follows within 48 hours.",
            "Trots: we zijn opnieuw ISO 27001- en NEN 7510-gecertificeerd. Dank aan het hele "
            "team 💪",
            "Did you know? Most {topic} incidents we see start with a single unpatched system. "
            "Three things to check this week: {blog}",
            "Terugblik op {event}: bedankt aan iedereen die langskwam op onze stand!",
            "New on our YouTube channel: {name} explains {topic} in 12 minutes. {blog}",
            "Wat betekent de AI Act voor jouw IT-afdeling? Onze juristen en architecten zetten "
            "het op een rij: {blog}",
            "Stagiairs gezocht! Wij bieden afstudeerplekken op het gebied van {topic} in "
            "{city}. Meer info: https://werkenbij.noorderlicht-it.nl/stage",
        ],
        "conversational": [
            "Poll: hoe ver is jouw organisatie met NIS2? 🔘 Klaar 🔘 Bezig 🔘 Nog niet "
            "begonnen 🔘 Wat is NIS2?",
            "What is your biggest challenge with {topic} this year? Tell us in the comments 👇",
            "Stelling: {topic} hoort bij de directie, niet bij IT. Eens of oneens?",
            "Which topic should our next webinar cover: {topic} or {topic}? Vote below!",
            "Welke IT-term mag van jou in 2025 definitief de deur uit? 😄",
            "Ken jij iemand die perfect in ons {role}-team past? Tag diegene hieronder!",
        ],
    },
    seasons=[
        Season(
            date(2024, 12, 16),
            date(2024, 12, 24),
            "informational",
            (
                "Fijne feestdagen van iedereen bij Noorderlicht IT 🎄 Onze servicedesk is "
                "ook tijdens de kerstdagen 24/7 bereikbaar.",
            ),
            0.6,
        ),
        Season(
            date(2025, 10, 1),
            date(2025, 10, 31),
            "informational",
            (
                "Oktober is de Maand van de Cybersecurity 🔐 Elke week delen we een praktische "
                "tip. Tip {n}: zet MFA aan op álle beheeraccounts.",
                "Cybersecurity Awareness Month, tip {n}: test your backups by actually "
                "restoring them. {blog}",
            ),
            0.5,
        ),
    ],
    messages={
        "question": [
            "Is het webinar achteraf terug te kijken?",
            "Do you also support on-premise Exchange migrations?",
            "Is deze vacature ook in deeltijd mogelijk?",
            "Wat is het verschil met jullie MDR-dienst?",
            "Are the vacancies open to candidates outside the Netherlands?",
            "Wanneer is het volgende webinar over {topic}?",
            "Werken jullie ook voor zorginstellingen in België?",
            "Does the quickscan also cover our OT environment?",
            "Kan ik de slides ergens downloaden?",
        ],
        "complaint": [
            "Klantportaal sinds 9:00 onbereikbaar en nergens een statusupdate. Kom op.",
            "Third ticket this month about the same VPN issue. Not great.",
            "Al twee weken wachten op een reactie op mijn sollicitatie, jammer.",
            "De aanmeldlink van het webinar werkt niet.",
            "Our migration was delayed again without notice. Disappointed.",
        ],
        "praise": [
            "Sterk artikel, heel herkenbaar!",
            "Great session, thanks for sharing 👏",
            "Mooie mijlpaal, gefeliciteerd!",
            "Useful checklist, sharing this with our team.",
            "Top webinar, helder uitgelegd.",
            "Proud to work here 💙",
        ],
        "tag": [
            "@{friend} interessant voor ons NIS2-traject",
            "@{friend} 👀",
            "@{friend} dit is die vacature waar ik het over had",
        ],
        "answer": [
            "Bezig, maar de leveranciersketen is lastig.",
            "Nog niet begonnen eerlijk gezegd.",
            "Definitely identity management.",
            "Oneens: het hoort bij iedereen.",
            "'Digitale transformatie' 😅",
            "Backup testing, every time.",
        ],
        "other": [
            "Looking for partners in offshore development, DM me.",
            "👍",
            "Interesting.",
        ],
    },
    slots={
        "topic": [
            "cloud security",
            "zero trust",
            "NIS2",
            "data migration",
            "Microsoft 365",
            "AI governance",
            "backup and recovery",
            "identity management",
        ],
        "service": ["Workplace", "Backup", "Security Operations", "Azure", "Endpoint Protection"],
        "url": [
            "https://noorderlicht-it.nl/whitepaper",
            "https://noorderlicht-it.nl/webinar",
            "https://noorderlicht-it.nl/blog",
            "https://noorderlicht-it.nl/demo",
            "https://nlit.nl/3xK9",
        ],
        "blog": [
            "https://noorderlicht-it.nl/blog/nis2-lessen",
            "https://noorderlicht-it.nl/blog/zero-trust-in-de-praktijk",
            "https://noorderlicht-it.nl/kennisbank",
            "https://youtu.be/Jk3pQ8vX2aM",
        ],
        "webdate": ["12 februari", "20 maart", "15 mei", "11 september", "6 november"],
        "event": ["Cybersecurity Summit Utrecht", "ICT&Logistiek Groningen", "Zorg & ICT"],
        "stand": ["42", "B17", "8"],
        "client": [
            "Zorggroep Noord",
            "gemeente Hoogezand",
            "Van Dijk Logistiek",
            "Hogeschool Drenthe",
        ],
        "platform": ["Azure", "Microsoft 365", "een hybride cloud"],
        "role": [
            "Cloud Engineer",
            "Security Consultant",
            "Servicedesk Medewerker",
            "Projectmanager",
            "Medior .NET Developer",
        ],
        "city": ["Groningen", "Utrecht", "Eindhoven"],
        "salary": ["€3.600 - €4.900", "€4.800 - €6.400", "€3.100 - €3.900"],
        "name": ["Sanne de Boer", "Pieter Mulder", "Fatima El Amrani", "Joris Bakker"],
        "n": ["1", "2", "3", "4", "12", "17"],
    },
    hashtags=[
        "#cybersecurity",
        "#NIS2",
        "#cloud",
        "#zerotrust",
        "#M365",
        "#werkenbij",
        "#vacature",
        "#AI",
        "#ITservices",
        "#digitalisering",
        "#Groningen",
    ],
    openers=["", "", "", "📢 ", "🔐 ", "💡 "],
    closers=["", "", "", ""],
    first_names=[
        "Sanne",
        "Pieter",
        "Fatima",
        "Joris",
        "Mark",
        "Linda",
        "Jeroen",
        "Ayşe",
        "Daan",
        "Eva",
        "Ruud",
        "Priya",
    ],
    last_names=[
        "de Vries",
        "Jansen",
        "Bakker",
        "Visser",
        "Smit",
        "Meijer",
        "de Boer",
        "Mulder",
        "Yilmaz",
        "Hoekstra",
        "Postma",
        "Kaur",
    ],
)

# --------------------------------------------------------------------------------------------
# Maison Verbruggen: a Flemish fashion chain with 14 shops whose channels an agency runs
# --------------------------------------------------------------------------------------------

RETAIL = Voice(
    posts={
        "promotional": [
            "Nieuwe collectie {product} nu in al onze winkels en online 👉 {url}",
            "Alleen dit weekend: -{pct}% op alle {product} ✨ Online en in de winkel.",
            "Gratis verzending vanaf €50 🚚 Shop de {product} van het seizoen: {url}",
            "Kortingscode {code}: extra -{pct}% op {product} in onze webshop, tot zondag.",
            "Back in stock 🔥 Onze populairste {product}. Op = op! {url}",
            "Nouvelle collection de {product} disponible dès aujourd'hui en boutique et en "
            "ligne ✨ {url}",
            "Code {code} : -{pct}% sur les {product} ce week-end seulement !",
            "2 {product} gekocht = de 3de aan halve prijs. Enkel in de winkel.",
            "Win een cadeaubon van €100! Like deze post en tag een vriend(in). "
            "Winnaar bekend op vrijdag 🎁",
            "Shop de look 👗 {product} {price}, {product} {price}. Link in bio.",
            "Member days: leden van de Maison Club krijgen -{pct}% op alles. Nog geen lid? "
            "Schrijf je gratis in: {url}",
        ],
        "informational": [
            "Onze winkel in {city} is vanaf maandag verhuisd naar de {street}. Tot dan! 📍",
            "Stijltip: zo combineer je {product} met basics uit je kast ✨",
            "Achter de schermen bij de fotoshoot van onze nieuwe collectie 📸",
            "Vacature: we zoeken enthousiaste verkoopsadviseurs (m/v/x) voor onze winkel in "
            "{city}. Solliciteer via https://maisonverbruggen.be/vacatures",
            "Openingsuren tijdens de feestdagen: bekijk de uren per winkel op https://maisonverbruggen.be/winkels",
            "Zo was jullie eerste bezoek aan onze nieuwe winkel in {city} 💛 Bedankt!",
            "Duurzaam: vanaf nu kan je je oude jeans in elke winkel binnenbrengen voor recyclage ♻️",
            "Verzorgingstip: was je {product} binnenstebuiten op 30 graden, dan blijft de kleur "
            "mooi.",
            "Horaires des fêtes : consultez les heures d'ouverture de chaque magasin sur https://maisonverbruggen.be/magasins",
            "Maatadvies nodig? Onze styliste {stylist} helpt je elke zaterdag in {city}.",
        ],
        "conversational": [
            "Welke {product} is jouw favoriet: A of B? Stem in de reacties! 👇",
            "Vertel ons: hoe style jij jouw {product}? 💬",
            "Tag iemand die deze {product} nodig heeft 😍",
            "Wat mag er zeker niet ontbreken in jouw wintergarderobe? ❄️",
            "Jij kiest onze volgende kleur! Zand, olijf of bordeaux? 🎨",
            "Plutôt {product} ou {product} ? Dites-le-nous en commentaire !",
        ],
    },
    seasons=[
        Season(
            date(2024, 12, 1),
            date(2024, 12, 23),
            "promotional",
            (
                "Nog geen cadeau? 🎁 Geef een Maison Verbruggen cadeaubon, online te koop "
                "vanaf €25: {url}",
                "Feestlooks 🎄 Nu -{pct}% op alle kleedjes met code {code}.",
            ),
            0.6,
        ),
        Season(
            date(2025, 1, 3),
            date(2025, 1, 31),
            "promotional",
            (
                "SOLDEN 🔥 Tot -{pct}% op {product} in al onze winkels en online!",
                "Soldes ! Jusqu'à -{pct}% sur les {product} 🔥",
                "Tweede soldenronde: nu tot -{pct}% 🔥 {url}",
            ),
            0.7,
        ),
        Season(
            date(2025, 7, 1),
            date(2025, 7, 31),
            "promotional",
            (
                "Zomersolden ☀️ Tot -{pct}% op {product}! {url}",
                "Soldes d'été : jusqu'à -{pct}% ☀️",
            ),
            0.7,
        ),
        Season(
            date(2025, 11, 24),
            date(2025, 11, 28),
            "promotional",
            (
                "BLACK FRIDAY 🖤 -{pct}% op alles met code {code}. Alleen tot maandag! {url}",
                "Black Friday : -{pct}% sur tout avec le code {code} 🖤",
            ),
            0.8,
        ),
    ],
    messages={
        "question": [
            "Hebben jullie deze {product} ook in maat 38?",
            "Is de winkel in {city} open op zondag?",
            "Wanneer komt de nieuwe collectie online?",
            "Kan ik online bestellen en in {city} ophalen?",
            "Avez-vous ce modèle en bleu ?",
            "Hoe lang duurt de levering naar Nederland?",
            "Geldt de kortingscode ook op solden?",
            "Waar vind ik mijn bestelstatus?",
            "Is deze jas waterdicht?",
            "Vous livrez en Belgique francophone aussi ?",
        ],
        "complaint": [
            "Mijn bestelling is nog steeds niet geleverd, al 10 dagen wachten.",
            "Verkeerde maat ontvangen en nog geen antwoord op mijn mail.",
            "Toujours pas de remboursement après trois semaines, c'est inadmissible.",
            "Slechte service in de winkel van {city}, nooit meer.",
            "De kortingscode werkt niet bij het afrekenen.",
            "Na twee keer wassen al een gat in mijn {product}. Teleurgesteld.",
        ],
        "praise": [
            "Prachtige collectie! 😍",
            "Super vriendelijk geholpen in {city}, merci!",
            "Love it ❤️",
            "Snelle levering, top!",
            "Magnifique, j'adore ! 😍",
            "Mijn favoriete winkel 💛",
        ],
        "tag": [
            "@{friend} kijk deze!",
            "@{friend} 😍😍",
            "@{friend} voor jou!",
            "@{friend} on y va samedi ?",
            "@{friend} zaterdag shoppen 🛍️",
        ],
        "answer": ["A!", "B natuurlijk", "Olijf 💚", "Bordeaux!", "Zand, zeker", "Een goede jas"],
        "other": ["😍🔥", "Follow me for giveaways bit.ly/xyz", "🙌", "first"],
    },
    slots={
        "product": [
            "jeans",
            "sneakers",
            "winterjassen",
            "kleedjes",
            "truien",
            "handtassen",
            "blazers",
            "sjaals",
        ],
        "url": [
            "https://maisonverbruggen.be/shop",
            "https://maisonverbruggen.be/collectie",
            "https://mvbr.gg/x7Lq",
        ],
        "pct": ["20", "30", "40", "50"],
        "code": ["WINTER25", "MAISON15", "FRIDAY30", "SOLDEN10"],
        "city": ["Gent", "Antwerpen", "Hasselt", "Brugge", "Leuven", "Kortrijk", "Mechelen"],
        "street": ["Veldstraat 41", "Meir 112", "Hoogstraat 8"],
        "price": ["€39,95", "€59,95", "€89", "€129"],
        "stylist": ["Jolien", "Amira", "Ruth"],
    },
    hashtags=[
        "#maisonverbruggen",
        "#mode",
        "#fashion",
        "#ootd",
        "#nieuwecollectie",
        "#shoplocal",
        "#gent",
        "#antwerpen",
        "#style",
        "#solden",
        "#belgianfashion",
        "#madeinbelgium",
    ],
    openers=["", "", "✨ ", "NEW ", "🖤 "],
    closers=["", "", ""],
    first_names=[
        "Emma",
        "Louise",
        "Noor",
        "Lotte",
        "Inès",
        "Yasmine",
        "Charlotte",
        "Jana",
        "Laura",
        "Hanne",
        "Pieter",
        "Thomas",
    ],
    last_names=[
        "Maes",
        "Wouters",
        "Goossens",
        "Mertens",
        "Dupont",
        "Lejeune",
        "El Idrissi",
        "Jacobs",
        "Willems",
        "Claes",
    ],
)


# --------------------------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------------------------


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _is_closed(day: date, channel: Channel) -> bool:
    return any(start <= day <= end for start, end in channel.closed)


def _moment(day: date, channel: Channel, zone: ZoneInfo, rng: random.Random) -> datetime:
    hour = rng.choices(list(channel.hours), weights=list(channel.hours.values()))[0]
    return datetime.combine(day, time(hour, rng.randrange(60)), zone)


def _post_text(voice: Voice, channel: Channel, day: date, rng: random.Random) -> tuple[str, str]:
    seasons = [s for s in voice.seasons if s.start <= day <= s.end]
    season = seasons[0] if seasons else None
    if season and rng.random() < season.share:
        intent, template = season.intent, rng.choice(season.templates)
    else:
        intent = rng.choices(list(channel.mix), weights=list(channel.mix.values()))[0]
        template = rng.choice(voice.posts[intent])
    for _ in range(4):
        body = fill(template, voice.slots, rng)
        tags = rng.sample(voice.hashtags, rng.randint(*channel.hashtags))
        text = f"{rng.choice(voice.openers)}{body}{rng.choice(voice.closers)}"
        if tags:
            text += "\n\n" + " ".join(tags) if len(tags) > 3 else " " + " ".join(tags)
        if channel.max_length is None or len(text) <= channel.max_length:
            return text, intent
    return body[: channel.max_length], intent


def plan_posts(voice: Voice, channel: Channel, zone: ZoneInfo, rng: random.Random) -> list[Post]:
    """Posts on the channel's own rhythm: weekday weights, busy and quiet seasons, holidays."""
    mean_weight = sum(channel.weekdays) / 7
    posts: list[Post] = []
    for day in _days(channel.first_day, channel.last_day):
        if _is_closed(day, channel):
            continue
        expected = channel.posts_per_week / 7 * channel.weekdays[day.weekday()] / mean_weight
        count = int(expected) + (rng.random() < expected - int(expected))
        for _ in range(count):
            text, intent = _post_text(voice, channel, day, rng)
            media = rng.choices(list(channel.media), weights=list(channel.media.values()))[0]
            has_link = "https://" in text
            if has_link and media == "text" and channel.platform != "x":
                media = "link"
            elif media == "link" and not has_link:
                media = "image"
            posts.append(Post("", _moment(day, channel, zone, rng), text, media, intent))
    return posts


def copy_posts(source: list[Post], channel: Channel, rng: random.Random) -> list[Post]:
    """The same text, unchanged, a few minutes later: what a scheduling tool does."""
    copies = []
    for post in source:
        day = post.moment.date()
        if not channel.first_day <= day <= channel.last_day or rng.random() > channel.copy_share:
            continue
        if channel.max_length and len(post.text) > channel.max_length:
            continue
        media = rng.choices(list(channel.media), weights=list(channel.media.values()))[0]
        moment = post.moment + timedelta(minutes=rng.randrange(0, 12))
        copies.append(Post("", moment, post.text, media, post.intent))
    return copies


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _author(voice: Voice, channel: Channel, rng: random.Random) -> str:
    first, last = rng.choice(voice.first_names), rng.choice(voice.last_names)
    if not channel.handles:
        return f"{first} {last}"
    handle = f"{first}{rng.choice(['.', '_', ''])}{last.replace(' ', '')}".lower()
    return handle + (str(rng.randrange(1, 99)) if rng.random() < 0.4 else "")


def _friend(voice: Voice, rng: random.Random) -> str:
    first, last = rng.choice(voice.first_names), rng.choice(voice.last_names)
    return f"{first.lower()}{rng.choice(['.', '_'])}{last.replace(' ', '').lower()[:6]}"


def _reply_time(asked: datetime, care: Care, rng: random.Random) -> datetime:
    """Asked + a log-normal delay, moved into the next hour someone is actually at work."""
    moment = asked + timedelta(hours=rng.lognormvariate(0, care.spread) * care.median_hours)
    start, end = care.hours
    for _ in range(14):
        if moment.weekday() in care.days and start <= moment.hour < end:
            return moment
        if moment.weekday() in care.days and moment.hour < start:
            opening = moment.replace(hour=start, minute=0, second=0)
        else:
            opening = (moment + timedelta(days=1)).replace(hour=start, minute=0, second=0)
            if opening.weekday() not in care.days:
                moment = opening.replace(hour=end)  # skip the whole day
                continue
        moment = opening + timedelta(minutes=rng.randrange(5, 90))
    return moment


MESSAGE_WEIGHTS = {
    # kind of audience message by the intent of the post it is on
    "promotional": (34, 6, 24, 26, 0, 10),
    "informational": (28, 6, 40, 12, 0, 14),
    "conversational": (8, 2, 12, 22, 52, 4),
}


def _message(voice: Voice, kind: str, rng: random.Random) -> str:
    slots = dict(voice.slots, friend=[_friend(voice, rng)])
    return fill(rng.choice(voice.messages[kind]), slots, rng)


def interactions_for(
    post: Post,
    channel: Channel,
    voice: Voice,
    reach: int,
    end: datetime,
    rng: random.Random,
) -> list[list[object]]:
    """Audience comments on one post, each with the organisation's first reply or none."""
    factor = {"promotional": 0.8, "informational": 1.0, "conversational": 3.5}[post.intent]
    expected = reach / 1000 * channel.comments_per_1000_reach * factor
    count = int(rng.expovariate(1 / expected)) if expected > 0 else 0
    rows: list[list[object]] = []
    for number in range(count):
        kind = rng.choices(MESSAGE_KINDS, weights=MESSAGE_WEIGHTS[post.intent])[0]
        asked = post.moment + timedelta(hours=rng.expovariate(1 / 6) + rng.random() * 0.3)
        if asked.hour < 6:  # people sleep: a night-time comment is one written after breakfast
            asked += timedelta(hours=7 + rng.random() * 2)
        if asked > end:
            continue
        replied = ""
        if rng.random() < channel.care.answer.get(kind, 0.0):
            reply = _reply_time(asked, channel.care, rng)
            replied = _iso(reply) if reply <= end else ""
        row: list[object] = [
            f"{post.id}_c{number + 1}",
            post.id,
            _iso(asked),
            _author(voice, channel, rng),
            _message(voice, kind, rng),
            replied,
        ]
        if "kind" in channel.extra_columns:
            row.append("comment")
        rows.append(row)
    return rows


def direct_messages(
    channel: Channel, voice: Voice, zone: ZoneInfo, end: datetime, rng: random.Random
) -> list[list[object]]:
    """Private messages: customer care that belongs to no post."""
    rows: list[list[object]] = []
    number = 0
    for day in _days(channel.first_day, channel.last_day):
        expected = channel.direct_messages_per_week / 7
        count = int(expected) + (rng.random() < expected - int(expected))
        for _ in range(count):
            kind = rng.choices(["question", "complaint", "praise"], weights=[6, 3, 1])[0]
            asked = datetime.combine(day, time(rng.randrange(7, 23), rng.randrange(60)), zone)
            if asked > end:
                continue
            number += 1
            replied = ""
            if rng.random() < channel.care.answer.get(kind, 0.0):
                reply = _reply_time(asked, channel.care, rng)
                replied = _iso(reply) if reply <= end else ""
            rows.append(
                [
                    f"dm{number:05d}",
                    "",
                    _iso(asked),
                    _author(voice, channel, rng),
                    _message(voice, kind, rng),
                    replied,
                    "message",
                ]
            )
    return rows


def _metric(value: float, known: bool) -> int | str:
    return int(value) if known else ""


def _shortcode(rng: random.Random) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
    return "".join(rng.choice(alphabet) for _ in range(11))


def _permalink(channel: Channel, handle: str, post: Post, rng: random.Random) -> str:
    return {
        "facebook": f"https://www.facebook.com/{handle}/posts/pfbid0{_shortcode(rng)}",
        "instagram": f"https://www.instagram.com/p/{_shortcode(rng)}/",
        "x": f"https://x.com/{handle}/status/19{rng.randrange(10**16, 10**17)}",
        "linkedin": "https://www.linkedin.com/feed/update/urn:li:activity:"
        f"73{rng.randrange(10**16, 10**17)}",
        "youtube": f"https://www.youtube.com/watch?v={_shortcode(rng)}",
        "tiktok": f"https://www.tiktok.com/@{handle}/video/75{rng.randrange(10**16, 10**17)}",
    }[channel.platform]


def post_row(
    post: Post, channel: Channel, handle: str, rng: random.Random
) -> tuple[list[object], int]:
    """Metrics as the platform reports them (what it does not report stays empty), and the
    reach the post really had, which drives how many people comment on it."""
    low, high = channel.reach
    reach = int(channel.followers * rng.uniform(low, high) * rng.lognormvariate(0, 0.25))
    if post.intent == "conversational":
        reach = int(reach * 1.2)
    rate = channel.engagement * rng.lognormvariate(0, 0.35)
    rate *= {"promotional": 0.7, "informational": 1.0, "conversational": 1.4}[post.intent]
    measured = channel.unknown_before is None or post.moment.date() >= channel.unknown_before
    known = {m: m not in channel.unknown for m in ("impressions", "reach", "shares", "clicks")}
    link = "https://" in post.text or "link in bio" in post.text.lower()
    row: list[object] = [
        post.id,
        _iso(post.moment),
        post.text,
        post.media,
        _metric(reach * rng.uniform(1.15, 1.7), known["impressions"] and measured),
        _metric(reach, known["reach"] and measured),
        int(reach * rate),
        0,  # the comments, once written
        _metric(reach * rate * rng.uniform(0.02, 0.12), known["shares"]),
        _metric(reach * rng.uniform(0.01, 0.04 if link else 0.006), known["clicks"]),
    ]
    if "video_views" in channel.extra_columns:
        video = post.media in ("video", "reel")
        row.append(int(reach * rng.uniform(0.5, 1.4)) if video else "")
    if "permalink" in channel.extra_columns:
        row.append(_permalink(channel, handle, post, rng))
    return row, reach


@dataclass
class Organisation:
    folder: str
    voice: Voice
    zone: str
    handles: dict[str, str]
    channels: list[Channel]
    seed: int


def generate(organisation: Organisation) -> dict[str, tuple[int, int]]:
    """Write every channel's posts.csv and interactions.csv; returns the row counts."""
    rng = random.Random(organisation.seed)
    zone = ZoneInfo(organisation.zone)
    end = datetime.combine(END, time(17, 30), zone)
    planned: dict[str, list[Post]] = {}
    counts: dict[str, tuple[int, int]] = {}
    for channel in organisation.channels:
        prefix = "".join(part[:3] for part in channel.key.split("-"))
        own = [] if channel.copy_only else plan_posts(organisation.voice, channel, zone, rng)
        copied = copy_posts(planned[channel.copy_from], channel, rng) if channel.copy_from else []
        posts = sorted(own + copied, key=lambda p: p.moment)
        posts = [p for p in posts if p.moment <= end]
        for number, post in enumerate(posts, start=1):
            post.id = f"{prefix}{number:05d}"
        planned[channel.key] = posts
        post_rows, interaction_rows = [], []
        for post in posts:
            row, reach = post_row(post, channel, organisation.handles[channel.key], rng)
            comments = interactions_for(post, channel, organisation.voice, reach, end, rng)
            row[7] = len(comments)
            post_rows.append(row)
            interaction_rows.extend(comments)
        if channel.direct_messages_per_week:
            interaction_rows.extend(direct_messages(channel, organisation.voice, zone, end, rng))
        extra_posts = [c for c in ("video_views", "permalink") if c in channel.extra_columns]
        extra_interactions = [c for c in ("kind",) if c in channel.extra_columns]
        base = HERE / organisation.folder / channel.key
        _write(base / "posts.csv", POST_HEADER + extra_posts, post_rows)
        _write(
            base / "interactions.csv",
            INTERACTION_HEADER + extra_interactions,
            sorted(interaction_rows, key=lambda r: str(r[2])),
        )
        counts[channel.key] = (len(post_rows), len(interaction_rows))
    return counts


def _write(path: Path, header: list[str], rows: list[list[object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


# --------------------------------------------------------------------------------------------
# The three organisations
# --------------------------------------------------------------------------------------------

SUMMER_CLOSURE = ((date(2025, 7, 14), date(2025, 8, 3)),)
BAKERY_HOURS = {6: 5, 7: 4, 8: 2, 11: 1, 15: 1, 20: 2}
BAKERY_DAYS = (0.2, 0.8, 0.8, 1.0, 1.4, 1.6, 0.8)  # closed Monday, busy Friday and Saturday
BAKERY_CARE_FB = Care(
    # the owner answers in the evening when she finds time; complaints mostly ignored
    {"question": 0.55, "complaint": 0.25, "praise": 0.3, "tag": 0.0, "answer": 0.1},
    median_hours=9,
    spread=1.0,
    hours=(20, 22),
    days=(1, 2, 3, 4, 5, 6),
)
BAKERY_CARE_IG = Care(
    {"question": 0.4, "complaint": 0.2, "praise": 0.15, "tag": 0.0, "answer": 0.05},
    median_hours=40,
    spread=0.8,
    hours=(20, 22),
    days=(6,),  # Instagram is looked at on Sunday evening
)
IT_CARE_LINKEDIN = Care(
    {"question": 0.9, "complaint": 0.85, "praise": 0.5, "tag": 0.05, "answer": 0.4},
    median_hours=2.5,
    spread=1.0,
    hours=(8, 18),
)
IT_CARE_X = Care(
    {"question": 0.92, "complaint": 0.95, "praise": 0.2, "tag": 0.0, "answer": 0.2},
    median_hours=0.8,
    spread=0.9,
    hours=(7, 22),
)
IT_CARE_SLOW = Care(
    {"question": 0.6, "complaint": 0.6, "praise": 0.2, "tag": 0.0, "answer": 0.1},
    median_hours=30,
    spread=0.8,
    hours=(9, 17),
)
RETAIL_HOURS = {8: 1, 11: 2, 12: 3, 13: 1, 17: 2, 19: 3, 20: 3, 21: 1}
RETAIL_DAYS = (0.9, 0.8, 1.0, 1.1, 1.2, 1.2, 0.8)
EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)
RETAIL_CARE_FAST = Care(
    # the agency's webcare team: Messenger and Facebook comments, 8 to 22, seven days a week
    {"question": 0.96, "complaint": 0.98, "praise": 0.6, "tag": 0.02, "answer": 0.3},
    median_hours=0.6,
    spread=1.0,
    hours=(8, 22),
    days=EVERY_DAY,
)
RETAIL_CARE_SLOW = Care(
    {"question": 0.55, "complaint": 0.45, "praise": 0.1, "tag": 0.0, "answer": 0.05},
    median_hours=30,
    spread=0.9,
    hours=(9, 17),
    days=(1, 3),  # the agency's community manager checks on Tuesday and Thursday
)
RETAIL_CARE_NONE = Care(
    {"question": 0.08, "complaint": 0.1, "praise": 0.0},
    median_hours=70,
    spread=0.8,
)

ORGANISATIONS = [
    Organisation(
        "bakkerij-van-acker",
        BAKERY,
        "Europe/Brussels",
        {"facebook": "bakkerijvanacker", "instagram": "bakkerij_vanacker"},
        [
            Channel(
                "facebook",
                "facebook",
                2450,
                4.2,
                {"promotional": 0.62, "informational": 0.3, "conversational": 0.08},
                {"image": 0.7, "text": 0.1, "video": 0.08, "link": 0.12},
                (0.18, 0.35),
                0.045,
                4.0,
                BAKERY_CARE_FB,
                weekdays=BAKERY_DAYS,
                hours=BAKERY_HOURS,
                unknown=("clicks",),
                unknown_before=date(2025, 3, 1),  # the page became a business page in March
                closed=SUMMER_CLOSURE,
                hashtags=(0, 2),
            ),
            Channel(
                "instagram",
                "instagram",
                1320,
                3.0,
                {"promotional": 0.58, "informational": 0.34, "conversational": 0.08},
                {"image": 0.55, "carousel": 0.25, "reel": 0.2},
                (0.25, 0.45),
                0.06,
                5.0,
                BAKERY_CARE_IG,
                weekdays=BAKERY_DAYS,
                hours=BAKERY_HOURS,
                unknown=("impressions", "clicks"),
                closed=SUMMER_CLOSURE,
                hashtags=(3, 7),
                handles=True,
            ),
        ],
        seed=11,
    ),
    Organisation(
        "noorderlicht-it",
        IT_FIRM,
        "Europe/Amsterdam",
        {
            "linkedin": "noorderlicht-it",
            "x": "NoorderlichtIT",
            "youtube": "NoorderlichtIT",
            "facebook": "noorderlichtit",
        },
        [
            Channel(
                "linkedin",
                "linkedin",
                18400,
                4.0,
                {"promotional": 0.3, "informational": 0.58, "conversational": 0.12},
                {"text": 0.25, "image": 0.4, "link": 0.2, "video": 0.1, "carousel": 0.05},
                (0.08, 0.2),
                0.025,
                1.3,
                IT_CARE_LINKEDIN,
                weekdays=(0.9, 1.3, 1.3, 1.2, 0.8, 0.05, 0.0),
                hours={8: 3, 9: 3, 10: 1, 12: 2, 16: 1},
                closed=((date(2024, 12, 24), date(2025, 1, 2)),),
                hashtags=(1, 3),
                extra_columns=("permalink",),
            ),
            Channel(
                "x",
                "x",
                3200,
                3.0,
                {"promotional": 0.22, "informational": 0.7, "conversational": 0.08},
                {"text": 0.6, "image": 0.3, "video": 0.1},
                (0.05, 0.15),
                0.012,
                6.0,
                IT_CARE_X,
                weekdays=(1, 1.2, 1.2, 1.2, 1, 0.2, 0.1),
                hours={7: 1, 8: 2, 10: 2, 13: 2, 15: 1, 17: 1},
                unknown=("reach",),
                max_length=280,
                hashtags=(1, 2),
                handles=True,
            ),
            Channel(
                "youtube",
                "youtube",
                1150,
                0.55,
                {"promotional": 0.25, "informational": 0.75, "conversational": 0.0},
                {"video": 1.0},
                (0.4, 0.9),
                0.03,
                3.0,
                IT_CARE_SLOW,
                weekdays=(0.5, 1, 1.5, 1.5, 0.5, 0, 0),
                hours={10: 1, 14: 1},
                unknown=("reach", "clicks"),
                hashtags=(0, 2),
                handles=True,
                extra_columns=("video_views", "permalink"),
            ),
            Channel(
                "facebook",
                "facebook",
                1900,
                0.35,  # employer branding that nobody keeps up: a post every three weeks
                {"promotional": 0.1, "informational": 0.85, "conversational": 0.05},
                {"image": 0.7, "link": 0.3},
                (0.05, 0.12),
                0.02,
                2.0,
                IT_CARE_SLOW,
                weekdays=(1, 1, 1, 1, 1, 0, 0),
                hours={9: 1, 12: 1},
                hashtags=(1, 3),
            ),
        ],
        seed=22,
    ),
    Organisation(
        "agency-retail-chain",
        RETAIL,
        "Europe/Brussels",
        {
            "facebook": "maisonverbruggen",
            "instagram": "maisonverbruggen",
            "tiktok": "maisonverbruggen",
            "x": "MVerbruggen",
            "linkedin": "maison-verbruggen",
            "youtube": "MaisonVerbruggen",
            "instagram-outlet": "verbruggen.outlet",
        },
        [
            Channel(
                "facebook",
                "facebook",
                15400,
                5.0,
                {"promotional": 0.52, "informational": 0.33, "conversational": 0.15},
                {"image": 0.6, "carousel": 0.15, "video": 0.1, "link": 0.15},
                (0.12, 0.3),
                0.02,
                1.6,
                RETAIL_CARE_FAST,
                weekdays=RETAIL_DAYS,
                hours=RETAIL_HOURS,
                max_length=280,  # written once in the agency's tool for every channel
                hashtags=(1, 3),
                extra_columns=("permalink", "kind"),
                direct_messages_per_week=9,
            ),
            Channel(
                "instagram",
                "instagram",
                22800,
                3.0,
                {"promotional": 0.45, "informational": 0.3, "conversational": 0.25},
                {"image": 0.4, "carousel": 0.3, "reel": 0.3},
                (0.15, 0.35),
                0.035,
                0.9,
                RETAIL_CARE_SLOW,
                weekdays=RETAIL_DAYS,
                hours=RETAIL_HOURS,
                unknown=("clicks",),
                copy_from="facebook",
                copy_share=0.75,
                hashtags=(3, 6),
                handles=True,
                extra_columns=("permalink",),
            ),
            Channel(
                "tiktok",
                "tiktok",
                9100,
                2.5,
                {"promotional": 0.35, "informational": 0.3, "conversational": 0.35},
                {"video": 1.0},
                (0.2, 0.9),
                0.05,
                1.2,
                RETAIL_CARE_NONE,
                weekdays=RETAIL_DAYS,
                hours={12: 1, 18: 2, 20: 3, 21: 2},
                unknown=("impressions", "clicks"),
                hashtags=(2, 5),
                handles=True,
                extra_columns=("video_views",),
            ),
            Channel(
                "x",
                "x",
                1800,
                0.0,
                {"promotional": 1.0},
                {"text": 0.5, "image": 0.5},
                (0.03, 0.1),
                0.008,
                2.0,
                RETAIL_CARE_SLOW,
                unknown=("reach",),
                copy_from="facebook",
                copy_share=0.9,
                copy_only=True,
                max_length=280,
                handles=True,
            ),
            Channel(
                "linkedin",
                "linkedin",
                2600,
                0.8,
                {"promotional": 0.1, "informational": 0.9, "conversational": 0.0},
                {"image": 0.6, "text": 0.2, "link": 0.2},
                (0.1, 0.25),
                0.02,
                1.0,
                RETAIL_CARE_SLOW,
                weekdays=(1, 1, 1, 1, 0.5, 0, 0),
                hours={9: 1, 11: 1},
                hashtags=(1, 2),
            ),
            Channel(
                "youtube",
                "youtube",
                700,
                0.3,
                {"promotional": 0.6, "informational": 0.4, "conversational": 0.0},
                {"video": 1.0},
                (0.3, 0.9),
                0.03,
                2.0,
                RETAIL_CARE_NONE,
                hours={18: 1},
                unknown=("reach", "clicks"),
                hashtags=(0, 2),
                handles=True,
                extra_columns=("video_views",),
            ),
            Channel(
                "instagram-outlet",
                "instagram",
                1300,
                0.0,
                {"promotional": 1.0},
                {"image": 1.0},
                (0.2, 0.6),
                0.015,
                0.6,
                RETAIL_CARE_NONE,
                unknown=("impressions", "clicks"),
                copy_from="facebook",
                copy_share=0.5,
                copy_only=True,
                last_day=date(2025, 4, 30),  # the agency stopped feeding it in May: dormant
                handles=True,
            ),
        ],
        seed=33,
    ),
]


def main() -> None:
    for organisation in ORGANISATIONS:
        for key, (posts, interactions) in generate(organisation).items():
            print(f"{organisation.folder}/{key}: {posts} posts, {interactions} interactions")


if __name__ == "__main__":
    main()
