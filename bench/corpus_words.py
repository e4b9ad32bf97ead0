"""Word lists of the synthetic corpus (bench/corpus.py): how each naming tradition of the region builds
names, and the roles, fields, topics and phrases the sentence templates draw from. All made up."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Names:
    """How one naming tradition builds names. A given name is a stem plus an ending (either may carry
    the whole name: "Nur" + "lan", "Gul" + "nara"); a surname is a stem, sometimes a compound element
    ("bek", "berdi", "khodja"), then the gendered ending (-ov/-ova, -yev/-yeva after a vowel, -zoda …)."""

    given_m: tuple[tuple[str, ...], tuple[str, ...]]
    given_f: tuple[tuple[str, ...], tuple[str, ...]]
    surname_stems: tuple[str, ...]
    compounds: tuple[str, ...]
    endings: tuple[tuple[str, str], ...]  # (masculine, feminine) after a consonant
    vowel_endings: tuple[tuple[str, str], ...]  # the same after a vowel
    patronymic: tuple[str, str] | None = None  # ("uulu", "kyzy"): "son of X" written as a second word


TRADITIONS: dict[str, Names] = {
    "KZ": Names(
        given_m=(
            ("Nur", "Yer", "Ser", "Bol", "Ars", "Zhan", "Tal", "Ber", "Kair", "Mur", "Dau", "Sak"),
            ("lan", "bek", "zhan", "khan", "gali", "bolat", "at", "en"),
        ),
        given_f=(
            ("Ai", "Gul", "Dan", "Ak", "Zhan", "Mad", "Sau", "Bal", "Kam", "Ayg", "Asel", "Dil"),
            ("gul", "nara", "erke", "sulu", "zhan", "shat", "ym", "bota"),
        ),
        surname_stems=(
            "Tok",
            "Nurg",
            "Sadyk",
            "Zhaks",
            "Ermek",
            "Bekt",
            "Abish",
            "Kassym",
            "Zhuman",
            "Omar",
            "Serik",
            "Baimukh",
            "Tolegen",
            "Kuanysh",
            "Akhmet",
            "Dosmag",
            "Esim",
            "Kali",
        ),
        compounds=("bay", "bek", "tai", "zhan"),
        endings=(("ov", "ova"), ("ayev", "ayeva"), ("uly", "kyzy")),
        vowel_endings=(("yev", "yeva"),),
    ),
    "KG": Names(
        given_m=(
            ("Azam", "Bak", "Mir", "Chyn", "Tal", "Ulan", "Kuban", "Emil", "Temir", "Nur", "Adil", "Ai"),
            ("bek", "at", "lan", "gyz", "ant", "bai", ""),
        ),
        given_f=(
            ("Ai", "Cho", "Naz", "Bu", "Jyl", "Mee", "Kanyk", "Elmi", "Zar", "Aidai", "Gul", "Bermet"),
            ("peri", "lpon", "gul", "kan", "dyz", "ra", ""),
        ),
        surname_stems=(
            "Tash",
            "Japar",
            "Asan",
            "Osmon",
            "Sadyr",
            "Kasym",
            "Toktogul",
            "Abdyld",
            "Mamyt",
            "Beishen",
            "Usen",
            "Kalyk",
            "Sharsh",
            "Temirk",
            "Duish",
            "Mambet",
        ),
        compounds=("bek", "aly", "bai"),
        endings=(("ov", "ova"), ("iev", "ieva")),
        vowel_endings=(("yev", "yeva"),),
        patronymic=("uulu", "kyzy"),
    ),
    "UZ": Names(
        given_m=(
            ("Sher", "Jas", "Bobur", "Dil", "Ulug", "Akmal", "Farh", "Rus", "Jam", "Nod", "Ot", "Sar"),
            ("zod", "ur", "bek", "shod", "jon", "od", "khon", ""),
        ),
        given_f=(
            ("Dil", "Nod", "Gul", "Sev", "Zar", "Mukh", "Shakh", "Fer", "Yul", "Nig", "Mal", "Kam"),
            ("noza", "ira", "nora", "ara", "ina", "uza", "duz", "ola"),
        ),
        surname_stems=(
            "Karim",
            "Usmon",
            "Rashid",
            "Yuldash",
            "Tursun",
            "Mirz",
            "Nazar",
            "Abdull",
            "Ergash",
            "Saidakhmed",
            "Rakhim",
            "Ismoil",
            "Umar",
            "Khamid",
            "Sobir",
            "Mamat",
        ),
        compounds=("khodja", "jon", "bek", "ali"),
        endings=(("ov", "ova"), ("ov", "ova"), ("ev", "eva")),
        vowel_endings=(("yev", "yeva"),),
    ),
    "TJ": Names(
        given_m=(
            ("Rah", "Far", "Sho", "Dal", "Iskan", "Jam", "Bakh", "Sukh", "Fir", "Zaf", "Khur", "Nus"),
            ("mon", "rukh", "er", "dar", "shed", "tiyor", "rob", "jon"),
        ),
        given_f=(
            ("Mat", "Far", "Tah", "Nig", "Shah", "Zar", "Gul", "Mun", "Sit", "Par", "Mehr", "Sad"),
            ("luba", "zona", "mina", "ina", "noza", "rina", "chehra", "ora"),
        ),
        surname_stems=(
            "Rahmon",
            "Sharif",
            "Nazar",
            "Said",
            "Qodir",
            "Davlat",
            "Mirzo",
            "Safar",
            "Ashur",
            "Hamid",
            "Kurbon",
            "Yusuf",
            "Nur",
            "Sodiq",
            "Rajab",
            "Karim",
        ),
        compounds=(),
        endings=(("zoda", "zoda"), ("ov", "ova"), ("zod", "zod"), ("iyon", "iyon")),
        vowel_endings=(("zoda", "zoda"), ("yev", "yeva")),
    ),
    "TM": Names(
        given_m=(
            ("Ser", "Gur", "Ata", "Mer", "Dov", "Rash", "Bayr", "Mam", "Yazg", "Kaka", "Ora", "Begen"),
            ("dar", "banguly", "myrat", "geldi", "berdi", "et", "ly", ""),
        ),
        given_f=(
            ("Ogul", "Gul", "Ay", "Mah", "Jeren", "Ene", "Leyli", "Bahar", "Arzu", "Maya", "Sona", "Ogul"),
            ("gerek", "shat", "jemal", "naz", "bibi", "gozel", "jan", ""),
        ),
        surname_stems=(
            "Berdimuham",
            "Mered",
            "Atay",
            "Garay",
            "Orazmuham",
            "Hojamuham",
            "Aman",
            "Durdy",
            "Gurban",
            "Allaber",
            "Sapar",
            "Nazarmyrad",
            "Chary",
            "Annag",
            "Ovez",
            "Rejep",
        ),
        compounds=("berdi", "geldi", "med", "gul"),
        endings=(("ov", "ova"), ("ow", "owa")),
        vowel_endings=(("yev", "yeva"),),
    ),
}

ROLES_BEFORE_NAME = (
    "Minister of {field}",
    "Deputy Minister of {field}",
    "President",
    "Prime Minister",
    "former diplomat",
    "former Minister of {field}",
    "Ombudsman",
    "State Secretary",
    "Mayor of {city}",
    "Governor of {region}",
    "lawyer",
    "economist",
    "activist",
    "journalist",
)
FIELDS = (
    "Energy",
    "Finance",
    "Education",
    "Health",
    "Agriculture",
    "Foreign Affairs",
    "Internal Affairs",
    "Justice",
    "Digital Development",
    "Water Resources",
    "Labour",
    "Transport",
    "Ecology",
    "Culture",
    "Trade",
)
TOPICS = (
    "water sharing",
    "labour migration",
    "the electricity grid",
    "border crossings",
    "cotton harvests",
    "press freedom",
    "domestic violence",
    "rural schools",
    "air quality",
    "rail freight",
    "hydropower",
    "drought relief",
    "pension reform",
    "mobile banking",
    "wheat exports",
    "youth unemployment",
    "road safety",
    "glacier melt",
    "tourism",
    "housing prices",
)
TITLE_VERBS = (
    "Weighs",
    "Debates",
    "Approves",
    "Delays",
    "Expands",
    "Tightens",
    "Reviews",
    "Launches",
    "Questions",
    "Funds",
)
OUTCOMES = (
    "the plan would be revised before the end of the year",
    "the figures had been checked twice",
    "talks with neighbouring states would continue",
    "no decision had yet been taken",
    "the budget for the programme had doubled",
    "local officials had been asked to report weekly",
    "a working group would visit the region",
    "the new rules would apply from January",
    "complaints had fallen compared with last year",
    "more inspectors would be hired",
)
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
