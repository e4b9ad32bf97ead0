"""Word lists of ordinary vocabulary the extractor reasons with. No proper names live here.

Everything is lower case; callers compare `token.lower`.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MONTHS = words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь "
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
)
WEEKDAYS = words(
    "monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays "
    "fridays saturdays sundays понедельник вторник среда четверг пятница суббота воскресенье"
)

# Words that open sentences or clauses; capitalised only because of their position.
FUNCTION_WORDS = words("""
    a an the this that these those there here it its he she they we i you his her their our my your
    him them us me who whom whose which what why how when where while whereas if unless until since
    as at on in into onto of off for from by with without within to toward towards through
    throughout over under above below between among amid amidst against across along around about
    after before during despite although though because so yet still also however meanwhile moreover
    furthermore nevertheless nonetheless thus therefore hence instead otherwise besides according
    and or but nor not no nor only just even ever never always often sometimes now then today
    yesterday tomorrow earlier later recently currently previously initially finally eventually
    overall similarly significantly alarmingly crucially equally notably importantly interestingly
    unfortunately fortunately meanwhile additionally likewise indeed perhaps maybe already again all
    both each every either neither some many most more much few several other another such same any
    none one two three four five six seven eight nine ten first second third last next new old per
    via upon beyond near nearly almost about back out up down once twice let lets do does did done
    be been being is are was were am has have had having will would shall should can could may might
    must ought said says say yes please thanks dear mr mrs ms dr st no nos в во на по с со к ко у о
    об от до из за для при без над под про через как что это эти этот эта так но и а или же ли не ни
    уже еще ещё также тоже однако кроме после перед между среди около он она они мы вы я его ее её
    их наш ваш тот та те там тут здесь когда где почему
    """)

# Capitalised section-heading and sentence-opening words that are never names by themselves.
HEADING_WORDS = words("""
    update background analysis opinion interview conclusion introduction summary overview context
    comment comments note notes photo video source sources read more related editorial explainer
    """)

# Ordinary capitalised words that are neither people, places nor organizations: eras, faiths,
# festivals, scripts, currencies, technologies.
ORDINARY_PROPER = words("""
    soviet islam islamic muslim muslims christian christians christianity orthodox catholic jewish
    judaism buddhist hindu ramadan nowruz navruz nauryz christmas easter eid kurban internet covid
    coronavirus english latin cyrillic arabic persian turkic uyghur uyghurs karakalpak karakalpaks
    dungan dungans pamiri pamiris god allah marxist communist communists stalinist western eastern
    northern southern olympic olympics paralympic euro euros dollar dollars tenge som sum somoni
    manat ruble rubles rouble roubles bitcoin crypto hijab sharia quran koran bible wikipedia
    """)

# People's positions and occupations: cues for roles and for names that follow them.
TITLE_WORDS = words("""
    president vice-president minister ministers premier director directors founder co-founder
    cofounder expert experts diplomat ombudsman ombudsperson councilor councillor secretary
    commissioner chairman chairwoman chairperson chair head spokesperson spokesman spokeswoman
    ambassador governor mayor akim hokim khokim deputy senator judge prosecutor prosecutor-general
    lawyer attorney advocate activist journalist analyst economist researcher scientist professor
    editor editor-in-chief reporter correspondent blogger leader commander general colonel major
    captain lieutenant officer ceo cto cfo adviser advisor envoy representative coordinator manager
    lawmaker politician speaker rector dean chancellor mufti imam bishop patriarch sheikh king queen
    prince princess emperor sultan emir chief consul attaché attache ombudsman investigator
    inspector auditor chairman-elect nominee candidate mp mps owner entrepreneur businessman
    businesswoman banker founder-director producer artist singer writer author poet filmmaker
    photographer sociologist historian political-scientist psychologist coach player athlete
    scholar lecturer teacher doctor defender
    champion президент министр премьер директор основатель эксперт дипломат омбудсмен уполномоченный
    секретарь советник председатель глава руководитель аким хоким депутат сенатор судья прокурор
    адвокат юрист активист журналист аналитик экономист политолог профессор редактор корреспондент
    блогер посол губернатор мэр спикер
    """)
# Words that qualify a title without being one.
TITLE_MODIFIERS = words("""
    former ex ex- then acting interim deputy first vice chief senior junior independent state
    general prime foreign interior defense defence finance economy economic justice health education
    energy agriculture transport labour labor culture information digital development emergency
    emergencies national regional local executive managing assistant associate honorary permanent
    special presidential parliamentary political human rights public civil social legal children
    children’s children's youth women women’s women's family security internal external trade
    industry sports tourism ecology environment water investment investments fiscal tax customs
    бывший первый заместитель вице
    """)
FORMER_WORDS = frozenset({"former", "ex", "ex-", "then", "бывший", "бывшая", "экс"})

# Relations and descriptions: a person is called this, but it is not a position.
RELATION_WORDS = words("""
    husband wife partner ex-wife ex-husband son daughter mother father brother sister widow widower
    fiance fiancé fiancee fiancée friend neighbor neighbour bystander victim woman man girl boy
    child relative cousin uncle aunt nephew niece grandson granddaughter grandmother grandfather
    colleague resident citizen
    """)

# Head words of organization names.
ORG_HEADS_KIND = {
    **dict.fromkeys(
        words("""
    ministry ministries committee department office parliament agency service services police
    council commission administration authority authorities government cabinet senate majlis
    mazhilis mazhlis kenesh kurultai assembly inspectorate directorate akimat hokimiyat prosecutor's
    prosecutor’s guard army forces militia chamber presidium secretariat procuracy treasury
    municipality mayoralty duma rada khural hural maslahaty maslahat embassy consulate
    """),
        "government",
    ),
    **dict.fromkeys(words("court tribunal"), "court"),
    **dict.fromkeys(
        words("""
    times news post radio tv television press journal gazette daily weekly review tribune herald
    channel portal broadcaster broadcasting telegraph chronicle observer monitor magazine
    """),
        "media",
    ),
    **dict.fromkeys(
        words("""
    foundation fund association society movement coalition initiative network alliance federation
    club league trust charity watch international bureau forum
    """),
        "ngo",
    ),
    **dict.fromkeys(
        words("""
    bank company corporation group holding holdings airlines airways railways llc jsc plc inc ltd
    exchange enterprise enterprises industries motors partners consulting mining metals petroleum
    steel telecom concern
    """),
        "company",
    ),
    **dict.fromkeys(
        words("""
    institute university academy school college lyceum center centre centers centres laboratory
    observatory library museum hospital clinic
    """),
        "other",
    ),
    **dict.fromkeys(words("union organization organisation bloc"), "international"),
    **dict.fromkeys(words("party"), "party"),
}
ORG_HEADS = frozenset(ORG_HEADS_KIND)
# Heads that name one body on their own when capitalised ("Parliament passed ...").
STANDALONE_HEADS = words(
    "parliament government cabinet senate majlis mazhilis mazhlis kenesh kurultai presidium"
)
# Lowercase nouns that, right after a name, say what kind of body it is ("X foundation").
ORG_TYPE_NOUNS = {
    "foundation": "ngo",
    "fund": "ngo",
    "organization": "ngo",
    "organisation": "ngo",
    "movement": "ngo",
    "association": "ngo",
    "initiative": "ngo",
    "portal": "media",
    "website": "media",
    "site": "media",
    "outlet": "media",
    "newspaper": "media",
    "agency": "media",
    "channel": "media",
    "magazine": "media",
    "company": "company",
    "bank": "company",
    "platform": "company",
    "party": "party",
    "tv": "media",
    "television": "media",
    "radio": "media",
    "broadcaster": "media",
    "publication": "media",
    "daily": "media",
    "weekly": "media",
    "concern": "company",
    "corporation": "company",
    "firm": "company",
    "operator": "company",
    "bloc": "party",
    "university": "other",
}
# Lowercase nouns before a name that say what kind of body it is ("the independent outlet X").
ORG_TYPE_BEFORE = {
    **{k: v for k, v in ORG_TYPE_NOUNS.items() if k not in {"fund", "site", "platform"}},
    "messenger": "company",
    "network": "company",
    "app": "company",
    "service": "company",
}
# Words that end an outlet's name after a person-like word ("X Live", "X TV"): a media brand.
OUTLET_SUFFIXES = words("live tv media news online plus info today press times radio daily post")
# Word endings of single-word company brands (Kapitalbank, Gazprom, Uzbekneftegaz, Kazatomprom).
COMPANY_ENDINGS = ("bank", "gaz", "neft", "prom", "telecom", "energo", "leasing")

# Head words of laws, codes and other texts: spans built on them are never entities.
LAW_HEADS = words("""
    law laws code act regulation regulations decree resolution constitution treaty convention bill
    amendment amendments article articles
    ordinance statute закон кодекс указ постановление
    """)

# Capitalised acronyms of everyday things, not organizations.
COMMON_ACRONYMS = words("""
    sms mms cctv qr gdp gnp hiv aids covid sars atm id pcr it tv dna ceo cfo cto mp mps vat lgbt
    lgbtq ngo ngos phd pdf usb gps sim wifi ai ok am pm ad bc faq ict ppe icu er vip diy ufo uk us
    usa eu ussr cis km kg kwh mw gw bn mln
    """)

# Verbs that follow a person's name as subject of speech; a cue that two capitalised words are a name.
SPEECH_VERBS = words("""
    said says told noted stated added explained stressed emphasized emphasised announced reported
    wrote claimed argued warned believes believed thinks recalled commented сказал сказала заявил
    заявила отметил отметила сообщил сообщила
    """)

ABBREVIATIONS = words("tr mr mrs ms dr st no vs etc approx inc ltd jr sr gen col lt prof")

# Lowercase nouns after a capitalised word that make it a facility or landform, not a body.
FACILITY_NOUNS = words("""
    field fields river lake lakes mountains mountain range reservoir canal dam airport station plant
    mine deposit deposits valley desert sea gorge pass street avenue square park bridge highway road
    railway pipeline border crossing checkpoint bazaar market village district port terminal hotel
    stadium mosque church cathedral monument mausoleum island islands project projects hydropower
    power corridor route
    """)

# Everyday English words of news headings and prose. A capitalised one in a heading run glued before
# a name is part of the heading, not of the name ("Press Freedom Under Pressure Human Rights Watch").
COMMON_ENGLISH = words("""
 pressure freedom freedoms challenge challenges result results momentum crisis
 concern concerns question questions evidence boom decline risk risks debt debts
 protest protests progress gap gaps struggle voice voices tragedy tragedies case cases outcry
 skepticism statistics victims victim future past present ahead deal deals plan plans
 agreement agreements talk talks vote votes campaign campaigns
 price prices job jobs
 efforts effort diversification dollarization lending loan loans
 fear fears hope hopes promise promises reality life lives change changes
 response reaction criticism critics ally allies opposition opponents injustice
 violence abuse corruption bribery scandal scrutiny warning warnings shortage shortages
 restrictions rules rule ban bans limit limits cut cuts rise rises fall falls drop drops
 increase increases record records first last new old big small high low rising falling growing
 key main major minor long short early late slow fast hard open closed final initial persistent
 stubborn landmark continuing public private selective local regional global foreign domestic
 cross-border intensify intensifies intensified grows grow grew lead leads wary remain remains
 point points cries cry foul signed expands expand expanded deepens deepen deepened worries
 worry under over against amid behind beyond toward between inside outside after before return
 returns returned revived revive meets meet moves move hits hit faces face looms loom
 threat threats crackdown fight battle war peace dispute disputes row tension tensions uncertainty
 doubt doubts split shift turn step steps milestone setback setbacks breakthrough impasse standoff
 stalemate outlook prospects lessons legacy aftermath fallout backlash dilemma puzzle test toll
 """)
