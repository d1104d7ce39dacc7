"""Which place names are sovereign states, and their other common names.

The list is the 193 member states of the United Nations plus the two observer states, as
published by the UN ("Member States", un.org), with the short names the UN uses, followed by
other forms in common English usage (the long official forms, well-known abbreviations such as
"UK" and "US", and older names still seen in news). It lets the stakeholder extractor tell an
acting state ("Germany said ...") from a city or region, and merge "the UK" with "Britain".

The formal names ("Syrian Arab Republic", "Hashemite Kingdom of Jordan", "Republic of Korea") come
from ISO 3166-1 (the `name`, `official_name` and `common_name` of each state, with "Korea, Republic
of" also read as "Republic of Korea"), taken from the data file of the pycountry package (release
26.2.16) and matched to the UN names above; territories that are not UN states are left out. A
formal name is an alias: `short_name` gives the name a reader expects ("Syria").
"""

from __future__ import annotations

import functools
import re

_TABLE = """
Afghanistan
Albania
Algeria
Andorra
Angola
Antigua and Barbuda
Argentina
Armenia
Australia
Austria
Azerbaijan
Bahamas|The Bahamas
Bahrain
Bangladesh
Barbados
Belarus
Belgium
Belize
Benin
Bhutan
Bolivia
Bosnia and Herzegovina|Bosnia
Botswana
Brazil
Brunei|Brunei Darussalam
Bulgaria
Burkina Faso
Burundi
Cabo Verde|Cape Verde
Cambodia
Cameroon
Canada
Central African Republic
Chad
Chile
China|People's Republic of China|PRC
Colombia
Comoros
Congo|Republic of the Congo
Costa Rica
Côte d'Ivoire|Ivory Coast
Croatia
Cuba
Cyprus
Czechia|Czech Republic
Democratic Republic of the Congo|DRC|DR Congo
Denmark
Djibouti
Dominica
Dominican Republic
Ecuador
Egypt
El Salvador
Equatorial Guinea
Eritrea
Estonia
Eswatini|Swaziland
Ethiopia
Fiji
Finland
France|French Republic
Gabon
Gambia|The Gambia
Georgia
Germany|Federal Republic of Germany
Ghana
Greece
Grenada
Guatemala
Guinea
Guinea-Bissau
Guyana
Haiti
Honduras
Hungary
Iceland
India
Indonesia
Iran|Islamic Republic of Iran
Iraq
Ireland|Republic of Ireland
Israel
Italy
Jamaica
Japan
Jordan
Kazakhstan
Kenya
Kiribati
Kuwait
Kyrgyzstan
Laos|Lao People's Democratic Republic
Latvia
Lebanon
Lesotho
Liberia
Libya
Liechtenstein
Lithuania
Luxembourg
Madagascar
Malawi
Malaysia
Maldives
Mali
Malta
Marshall Islands
Mauritania
Mauritius
Mexico
Micronesia
Monaco
Mongolia
Montenegro
Morocco
Mozambique
Myanmar|Burma
Namibia
Nauru
Nepal
Netherlands|Holland
New Zealand
Nicaragua
Niger
Nigeria
North Korea|Democratic People's Republic of Korea|DPRK
North Macedonia|Macedonia
Norway
Oman
Pakistan
Palau
Panama
Papua New Guinea
Paraguay
Peru
Philippines
Poland
Portugal
Qatar
Moldova|Republic of Moldova
Romania
Russia|Russian Federation
Rwanda
Saint Kitts and Nevis
Saint Lucia
Saint Vincent and the Grenadines
Samoa
San Marino
Sao Tome and Principe
Saudi Arabia
Senegal
Serbia
Seychelles
Sierra Leone
Singapore
Slovakia
Slovenia
Solomon Islands
Somalia
South Africa
South Korea|Republic of Korea|Korea
South Sudan
Spain
Sri Lanka
Sudan
Suriname
Sweden
Switzerland
Syria|Syrian Arab Republic
Tajikistan
Thailand
Timor-Leste|East Timor
Togo
Tonga
Trinidad and Tobago
Tunisia
Türkiye|Turkey|Turkiye
Turkmenistan
Tuvalu
Uganda
Ukraine
United Arab Emirates|UAE
United Kingdom|UK|U.K.|Britain|Great Britain
Tanzania|United Republic of Tanzania
United States|US|U.S.|USA|U.S.A.|United States of America|America
Uruguay
Uzbekistan
Vanuatu
Venezuela
Viet Nam|Vietnam
Yemen
Zambia
Zimbabwe
Holy See|Vatican|Vatican City
Palestine|State of Palestine
"""

# ISO 3166-1 formal names not already above: "<UN short name>|<formal name>|...".
_ISO_NAMES = """
Afghanistan|Islamic Republic of Afghanistan
Angola|Republic of Angola
Albania|Republic of Albania
Andorra|Principality of Andorra
Argentina|Argentine Republic
Armenia|Republic of Armenia
Austria|Republic of Austria
Azerbaijan|Republic of Azerbaijan
Burundi|Republic of Burundi
Belgium|Kingdom of Belgium
Benin|Republic of Benin
Bangladesh|People's Republic of Bangladesh
Bulgaria|Republic of Bulgaria
Bahrain|Kingdom of Bahrain
Bahamas|Commonwealth of the Bahamas
Bosnia and Herzegovina|Republic of Bosnia and Herzegovina
Belarus|Republic of Belarus
Bolivia|Plurinational State of Bolivia
Brazil|Federative Republic of Brazil
Bhutan|Kingdom of Bhutan
Botswana|Republic of Botswana
Switzerland|Swiss Confederation
Chile|Republic of Chile
Côte d'Ivoire|Republic of Côte d'Ivoire
Cameroon|Republic of Cameroon
Colombia|Republic of Colombia
Comoros|Union of the Comoros
Cabo Verde|Republic of Cabo Verde
Costa Rica|Republic of Costa Rica
Cuba|Republic of Cuba
Cyprus|Republic of Cyprus
Djibouti|Republic of Djibouti
Dominica|Commonwealth of Dominica
Denmark|Kingdom of Denmark
Algeria|People's Democratic Republic of Algeria
Ecuador|Republic of Ecuador
Egypt|Arab Republic of Egypt
Eritrea|State of Eritrea
Spain|Kingdom of Spain
Estonia|Republic of Estonia
Ethiopia|Federal Democratic Republic of Ethiopia
Finland|Republic of Finland
Fiji|Republic of Fiji
Micronesia|Federated States of Micronesia
Gabon|Gabonese Republic
United Kingdom|United Kingdom of Great Britain and Northern Ireland
Ghana|Republic of Ghana
Guinea|Republic of Guinea
Gambia|Republic of the Gambia
Guinea-Bissau|Republic of Guinea-Bissau
Equatorial Guinea|Republic of Equatorial Guinea
Greece|Hellenic Republic
Guatemala|Republic of Guatemala
Guyana|Republic of Guyana
Honduras|Republic of Honduras
Croatia|Republic of Croatia
Haiti|Republic of Haiti
Indonesia|Republic of Indonesia
India|Republic of India
Iraq|Republic of Iraq
Iceland|Republic of Iceland
Israel|State of Israel
Italy|Italian Republic
Jordan|Hashemite Kingdom of Jordan
Kazakhstan|Republic of Kazakhstan
Kenya|Republic of Kenya
Kyrgyzstan|Kyrgyz Republic
Cambodia|Kingdom of Cambodia
Kiribati|Republic of Kiribati
Kuwait|State of Kuwait
Lebanon|Lebanese Republic
Liberia|Republic of Liberia
Liechtenstein|Principality of Liechtenstein
Sri Lanka|Democratic Socialist Republic of Sri Lanka
Lesotho|Kingdom of Lesotho
Lithuania|Republic of Lithuania
Luxembourg|Grand Duchy of Luxembourg
Latvia|Republic of Latvia
Morocco|Kingdom of Morocco
Monaco|Principality of Monaco
Madagascar|Republic of Madagascar
Maldives|Republic of Maldives
Mexico|United Mexican States
Marshall Islands|Republic of the Marshall Islands
North Macedonia|Republic of North Macedonia
Mali|Republic of Mali
Malta|Republic of Malta
Myanmar|Republic of Myanmar
Mozambique|Republic of Mozambique
Mauritania|Islamic Republic of Mauritania
Mauritius|Republic of Mauritius
Malawi|Republic of Malawi
Namibia|Republic of Namibia
Niger|Republic of the Niger
Nigeria|Federal Republic of Nigeria
Nicaragua|Republic of Nicaragua
Netherlands|Kingdom of the Netherlands
Norway|Kingdom of Norway
Nepal|Federal Democratic Republic of Nepal
Nauru|Republic of Nauru
Oman|Sultanate of Oman
Pakistan|Islamic Republic of Pakistan
Panama|Republic of Panama
Peru|Republic of Peru
Philippines|Republic of the Philippines
Palau|Republic of Palau
Papua New Guinea|Independent State of Papua New Guinea
Poland|Republic of Poland
Portugal|Portuguese Republic
Paraguay|Republic of Paraguay
Qatar|State of Qatar
Rwanda|Rwandese Republic
Saudi Arabia|Kingdom of Saudi Arabia
Sudan|Republic of the Sudan
Senegal|Republic of Senegal
Singapore|Republic of Singapore
Sierra Leone|Republic of Sierra Leone
El Salvador|Republic of El Salvador
San Marino|Republic of San Marino
Somalia|Federal Republic of Somalia
Serbia|Republic of Serbia
South Sudan|Republic of South Sudan
Sao Tome and Principe|Democratic Republic of Sao Tome and Principe
Suriname|Republic of Suriname
Slovakia|Slovak Republic
Slovenia|Republic of Slovenia
Sweden|Kingdom of Sweden
Eswatini|Kingdom of Eswatini
Seychelles|Republic of Seychelles
Chad|Republic of Chad
Togo|Togolese Republic
Thailand|Kingdom of Thailand
Tajikistan|Republic of Tajikistan
Timor-Leste|Democratic Republic of Timor-Leste
Tonga|Kingdom of Tonga
Trinidad and Tobago|Republic of Trinidad and Tobago
Tunisia|Republic of Tunisia
Türkiye|Republic of Türkiye
Uganda|Republic of Uganda
Uruguay|Eastern Republic of Uruguay
Uzbekistan|Republic of Uzbekistan
Venezuela|Bolivarian Republic of Venezuela
Viet Nam|Socialist Republic of Viet Nam
Vanuatu|Republic of Vanuatu
Samoa|Independent State of Samoa
Yemen|Republic of Yemen
South Africa|Republic of South Africa
Zambia|Republic of Zambia
Zimbabwe|Republic of Zimbabwe
"""

_SPACE = re.compile(r"\s+")


def _key(name: str) -> str:
    name = _SPACE.sub(" ", name.replace("’", "'")).strip().casefold()
    return name[4:] if name.startswith("the ") else name


def _build() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in (*_TABLE.strip().splitlines(), *_ISO_NAMES.strip().splitlines()):
        names = line.split("|")
        canonical = names[0]
        for name in names:
            table.setdefault(_key(name), canonical)
    return table


_COUNTRIES = _build()


@functools.lru_cache(maxsize=8192)
def country_name(text: str) -> str | None:
    """The state's UN short name if ``text`` names a sovereign state, else None.

    Asked several times per mention by the label rules; the answers are kept (a bounded cache:
    news repeats a few thousand names)."""
    return _COUNTRIES.get(_key(text))


def is_formal_name(text: str) -> bool:
    """``text`` names a state by a longer form than its UN short name ("Syrian Arab Republic",
    "United States of America"): a reader expects the short name, so a formal one is an alias."""
    short = country_name(text)
    return short is not None and len(_key(text).split()) > len(short.split())
