"""Which place names are sovereign states, and their other common names.

The list is the 193 member states of the United Nations plus the two observer states, as
published by the UN ("Member States", un.org), with the short names the UN uses, followed by
other forms in common English usage (the long official forms, well-known abbreviations such as
"UK" and "US", and older names still seen in news). It lets the stakeholder extractor tell an
acting state ("Germany said ...") from a city or region, and merge "the UK" with "Britain".
"""

from __future__ import annotations

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

_SPACE = re.compile(r"\s+")


def _key(name: str) -> str:
    name = _SPACE.sub(" ", name.replace("’", "'")).strip().casefold()
    return name[4:] if name.startswith("the ") else name


def _build() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in _TABLE.strip().splitlines():
        names = line.split("|")
        canonical = names[0]
        for name in names:
            table[_key(name)] = canonical
    return table


_COUNTRIES = _build()


def country_name(text: str) -> str | None:
    """The state's usual short name if ``text`` names a sovereign state, else None."""
    return _COUNTRIES.get(_key(text))
