//! Datelines as wire style writes them, on a table of openings written for this test from the
//! AP and Reuters style rules (fictional or generic places): a place with a state, province or
//! country, "--" as a dash, agencies in parentheses; and openings that are not datelines, photo
//! captions ("FILE -") above all.

use framelens::Analyzer;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Caption,
    Label,
    Sentence,
}

/// Wire-style dateline openings: (opening, place, region or ""). The places are fictional or
/// generic; the regions, agencies and dashes follow AP and Reuters style.
const DATELINES: &[(&str, &str, &str)] = &[
    ("MILLBROOK, Ala. (AP) — ", "MILLBROOK", "Ala."),
    ("CEDAR FALLS, Ariz. (Reuters) -- ", "CEDAR FALLS", "Ariz."),
    ("HARBOR CITY, Ark. - ", "HARBOR CITY", "Ark."),
    ("PINE RIDGE, Calif. (AFP) – ", "PINE RIDGE", "Calif."),
    ("ASHTON, Colo. — ", "ASHTON", "Colo."),
    ("WILLOW CREEK, Conn. (AP) -- ", "WILLOW CREEK", "Conn."),
    ("NORTH HAVEN, Del. (AP) - ", "NORTH HAVEN", "Del."),
    ("OAKDALE, Fla. (Reuters) – ", "OAKDALE", "Fla."),
    ("RIVERBEND, Ga. — ", "RIVERBEND", "Ga."),
    ("STONEBRIDGE, Ill. (AFP) -- ", "STONEBRIDGE", "Ill."),
    ("LAKE MARVIN, Ind. - ", "LAKE MARVIN", "Ind."),
    ("FAIRVIEW, Kan. (AP) – ", "FAIRVIEW", "Kan."),
    ("GRANGER, Ky. (AP) — ", "GRANGER", "Ky."),
    ("WEST LINDEN, La. (Reuters) -- ", "WEST LINDEN", "La."),
    ("PORT ELLIS, Md. - ", "PORT ELLIS", "Md."),
    ("MAPLEWOOD, Mass. (AFP) – ", "MAPLEWOOD", "Mass."),
    ("BRANSTON, Mich. — ", "BRANSTON", "Mich."),
    ("COPPER HILL, Minn. (AP) -- ", "COPPER HILL", "Minn."),
    ("ELM GROVE, Miss. (AP) - ", "ELM GROVE", "Miss."),
    ("SILVER SPRINGS, Mo. (Reuters) – ", "SILVER SPRINGS", "Mo."),
    ("GLEN ARBOR, Mont. — ", "GLEN ARBOR", "Mont."),
    ("HOLLIS, Neb. (AFP) -- ", "HOLLIS", "Neb."),
    ("KESTREL BAY, Nev. - ", "KESTREL BAY", "Nev."),
    ("DUNMORE, N.H. (AP) – ", "DUNMORE", "N.H."),
    ("REDFIELD, N.J. (AP) — ", "REDFIELD", "N.J."),
    ("MILLBROOK, N.M. (Reuters) -- ", "MILLBROOK", "N.M."),
    ("CEDAR FALLS, N.Y. - ", "CEDAR FALLS", "N.Y."),
    ("HARBOR CITY, N.C. (AFP) – ", "HARBOR CITY", "N.C."),
    ("PINE RIDGE, N.D. — ", "PINE RIDGE", "N.D."),
    ("ASHTON, Okla. (AP) -- ", "ASHTON", "Okla."),
    ("WILLOW CREEK, Ore. (AP) - ", "WILLOW CREEK", "Ore."),
    ("NORTH HAVEN, Pa. (Reuters) – ", "NORTH HAVEN", "Pa."),
    ("OAKDALE, R.I. — ", "OAKDALE", "R.I."),
    ("RIVERBEND, S.C. (AFP) -- ", "RIVERBEND", "S.C."),
    ("STONEBRIDGE, S.D. - ", "STONEBRIDGE", "S.D."),
    ("LAKE MARVIN, Tenn. (AP) – ", "LAKE MARVIN", "Tenn."),
    ("FAIRVIEW, Vt. (AP) — ", "FAIRVIEW", "Vt."),
    ("GRANGER, Va. (Reuters) -- ", "GRANGER", "Va."),
    ("WEST LINDEN, Wash. - ", "WEST LINDEN", "Wash."),
    ("PORT ELLIS, W.Va. (AFP) – ", "PORT ELLIS", "W.Va."),
    ("MAPLEWOOD, Wis. — ", "MAPLEWOOD", "Wis."),
    ("BRANSTON, Wyo. (AP) -- ", "BRANSTON", "Wyo."),
    ("COPPER HILL, D.C. (AP) - ", "COPPER HILL", "D.C."),
    ("Cedar Falls, Ala. -- ", "Cedar Falls", "Ala."),
    ("Riverbend, Ark. (AFP) - ", "Riverbend", "Ark."),
    ("Maplewood, Colo. – ", "Maplewood", "Colo."),
    ("Kestrel Bay, Del. (AP) — ", "Kestrel Bay", "Del."),
    ("Ashton, Ga. (AP) -- ", "Ashton", "Ga."),
    ("Fairview, Ind. (Reuters) - ", "Fairview", "Ind."),
    ("Elm Grove, Ky. – ", "Elm Grove", "Ky."),
    ("Millbrook, Md. (AFP) — ", "Millbrook", "Md."),
    ("Oakdale, Mich. -- ", "Oakdale", "Mich."),
    ("Port Ellis, Miss. (AP) - ", "Port Ellis", "Miss."),
    ("Hollis, Mont. (AP) – ", "Hollis", "Mont."),
    ("Pine Ridge, Nev. (Reuters) — ", "Pine Ridge", "Nev."),
    ("Lake Marvin, N.J. -- ", "Lake Marvin", "N.J."),
    ("Copper Hill, N.Y. (AFP) - ", "Copper Hill", "N.Y."),
    ("Redfield, N.D. – ", "Redfield", "N.D."),
    ("North Haven, Ore. (AP) — ", "North Haven", "Ore."),
    ("West Linden, R.I. (AP) -- ", "West Linden", "R.I."),
    ("Glen Arbor, S.D. (Reuters) - ", "Glen Arbor", "S.D."),
    ("Harbor City, Vt. – ", "Harbor City", "Vt."),
    ("Stonebridge, Wash. (AFP) — ", "Stonebridge", "Wash."),
    ("Branston, Wis. -- ", "Branston", "Wis."),
    ("Dunmore, D.C. (AP) - ", "Dunmore", "D.C."),
    ("MAPLEWOOD, Alaska (AP) -- ", "MAPLEWOOD", "Alaska"),
    ("BRANSTON, Hawaii (AP) - ", "BRANSTON", "Hawaii"),
    ("COPPER HILL, Idaho (Reuters) – ", "COPPER HILL", "Idaho"),
    ("ELM GROVE, Iowa — ", "ELM GROVE", "Iowa"),
    ("SILVER SPRINGS, Maine (AFP) -- ", "SILVER SPRINGS", "Maine"),
    ("GLEN ARBOR, Ohio - ", "GLEN ARBOR", "Ohio"),
    ("HOLLIS, Texas (AP) – ", "HOLLIS", "Texas"),
    ("KESTREL BAY, Utah (AP) — ", "KESTREL BAY", "Utah"),
    (
        "DUNMORE, Pennsylvania (Reuters) -- ",
        "DUNMORE",
        "Pennsylvania",
    ),
    ("REDFIELD, New Hampshire - ", "REDFIELD", "New Hampshire"),
    (
        "MILLBROOK, North Carolina (AFP) – ",
        "MILLBROOK",
        "North Carolina",
    ),
    (
        "CEDAR FALLS, West Virginia — ",
        "CEDAR FALLS",
        "West Virginia",
    ),
    (
        "HARBOR CITY, Rhode Island (AP) -- ",
        "HARBOR CITY",
        "Rhode Island",
    ),
    ("PINE RIDGE, New Mexico (AP) - ", "PINE RIDGE", "New Mexico"),
    ("ASHTON, Kentucky (Reuters) – ", "ASHTON", "Kentucky"),
    ("WILLOW CREEK, Virginia — ", "WILLOW CREEK", "Virginia"),
    ("NORTH HAVEN, Oregon (AFP) -- ", "NORTH HAVEN", "Oregon"),
    ("OAKDALE, Montana - ", "OAKDALE", "Montana"),
    (
        "RIVERBEND, South Dakota (AP) – ",
        "RIVERBEND",
        "South Dakota",
    ),
    ("STONEBRIDGE, Wisconsin (AP) — ", "STONEBRIDGE", "Wisconsin"),
    ("AL-MARSA, Syria (Reuters) -- ", "AL-MARSA", "Syria"),
    ("BAGHLAN, Iraq - ", "BAGHLAN", "Iraq"),
    ("NOVA VILA, Ukraine (AFP) – ", "NOVA VILA", "Ukraine"),
    ("KOSTRINO, Kenya — ", "KOSTRINO", "Kenya"),
    ("SANTA LUCIA, Brazil (AP) -- ", "SANTA LUCIA", "Brazil"),
    ("BEN AMIR, Mexico (AP) - ", "BEN AMIR", "Mexico"),
    ("DORFHAUSEN, Japan (Reuters) – ", "DORFHAUSEN", "Japan"),
    ("PORTO VELHO, Philippines — ", "PORTO VELHO", "Philippines"),
    (
        "TAKAYAMA, South Africa (AFP) -- ",
        "TAKAYAMA",
        "South Africa",
    ),
    ("SAN ISIDRO, Saudi Arabia - ", "SAN ISIDRO", "Saudi Arabia"),
    ("MOLENBERG, Germany (AP) – ", "MOLENBERG", "Germany"),
    ("EL KHADRA, France (AP) — ", "EL KHADRA", "France"),
    ("KIRA, Lebanon (Reuters) -- ", "KIRA", "Lebanon"),
    ("UMM QASIR, Afghanistan - ", "UMM QASIR", "Afghanistan"),
    ("VELIKO, Nigeria (AFP) – ", "VELIKO", "Nigeria"),
    ("HADITHA, Indonesia — ", "HADITHA", "Indonesia"),
    (
        "MARSHALL PORT, Colombia (AP) -- ",
        "MARSHALL PORT",
        "Colombia",
    ),
    ("DUNEDIN EAST, Pakistan (AP) - ", "DUNEDIN EAST", "Pakistan"),
    ("TARANAKI, Poland (Reuters) – ", "TARANAKI", "Poland"),
    ("KHOR, Israel — ", "KHOR", "Israel"),
    ("ZELENY, Egypt (AFP) -- ", "ZELENY", "Egypt"),
    ("LUMBINI, Turkey - ", "LUMBINI", "Turkey"),
    ("BANDAR, New Zealand (AP) – ", "BANDAR", "New Zealand"),
    (
        "ALTAMIRA, United Arab Emirates (AP) — ",
        "ALTAMIRA",
        "United Arab Emirates",
    ),
    (
        "CAPE ARNO, Sri Lanka (Reuters) -- ",
        "CAPE ARNO",
        "Sri Lanka",
    ),
    ("MILLBROOK, Ontario (CP) — ", "MILLBROOK", "Ontario"),
    ("PINE RIDGE, Quebec -- ", "PINE RIDGE", "Quebec"),
    ("NORTH HAVEN, Alberta (AP) - ", "NORTH HAVEN", "Alberta"),
    (
        "STONEBRIDGE, British Columbia (CP) – ",
        "STONEBRIDGE",
        "British Columbia",
    ),
    ("GRANGER, Nova Scotia — ", "GRANGER", "Nova Scotia"),
    ("MAPLEWOOD, Ont. (AP) -- ", "MAPLEWOOD", "Ont."),
    ("ELM GROVE, Que. (CP) - ", "ELM GROVE", "Que."),
    ("HOLLIS, B.C. – ", "HOLLIS", "B.C."),
    ("REDFIELD, Alta. (AP) — ", "REDFIELD", "Alta."),
    ("HARBOR CITY, Sask. (CP) -- ", "HARBOR CITY", "Sask."),
    ("WILLOW CREEK, N.S. - ", "WILLOW CREEK", "N.S."),
    ("RIVERBEND, Man. (AP) – ", "RIVERBEND", "Man."),
    ("HARBOR CITY, Ala., Jan. 5 (AP) — ", "HARBOR CITY", "Ala."),
    ("OAKDALE, Colo., March 3 (Reuters) -- ", "OAKDALE", "Colo."),
    ("GRANGER, Ga., Sept. 14, 2019 - ", "GRANGER", "Ga."),
    ("COPPER HILL, Ky., Dec. 1 (AFP) – ", "COPPER HILL", "Ky."),
    ("KESTREL BAY, Mich., Jan. 5 — ", "KESTREL BAY", "Mich."),
    (
        "HARBOR CITY, Mont., March 3 (AP) -- ",
        "HARBOR CITY",
        "Mont.",
    ),
    ("OAKDALE, N.J., Sept. 14, 2019 (AP) - ", "OAKDALE", "N.J."),
    ("GRANGER, N.D., Dec. 1 (Reuters) – ", "GRANGER", "N.D."),
    ("COPPER HILL, R.I., Jan. 5 — ", "COPPER HILL", "R.I."),
    ("KESTREL BAY, Vt., March 3 (AFP) -- ", "KESTREL BAY", "Vt."),
    (
        "HARBOR CITY, Wis., Sept. 14, 2019 - ",
        "HARBOR CITY",
        "Wis.",
    ),
    ("OAKDALE, Ariz., Dec. 1 (AP) – ", "OAKDALE", "Ariz."),
    ("WASHINGTON (AP) — ", "WASHINGTON", ""),
    ("NEW YORK (Reuters) -- ", "NEW YORK", ""),
    ("LONDON - ", "LONDON", ""),
    ("UNITED NATIONS (AFP) – ", "UNITED NATIONS", ""),
    ("MEXICO CITY — ", "MEXICO CITY", ""),
    ("JERUSALEM (AP) -- ", "JERUSALEM", ""),
    ("NAIROBI (AP) - ", "NAIROBI", ""),
    ("SALT LAKE CITY (Reuters) – ", "SALT LAKE CITY", ""),
    ("BEIRUT — ", "BEIRUT", ""),
    ("TOKYO (AFP) -- ", "TOKYO", ""),
    ("RIO DE JANEIRO - ", "RIO DE JANEIRO", ""),
    ("Rio de Janeiro (AP) – ", "Rio de Janeiro", ""),
    ("PORT-AU-PRINCE (AP) — ", "PORT-AU-PRINCE", ""),
    ("SAN JUAN (Reuters) -- ", "SAN JUAN", ""),
    ("Harbor City - ", "Harbor City", ""),
    ("Puerto de la Vela (AFP) – ", "Puerto de la Vela", ""),
    ("ST. LOUIS — ", "ST. LOUIS", ""),
    ("BUENOS AIRES (AP) -- ", "BUENOS AIRES", ""),
    ("NORDVIK, Velskaland (AP) — ", "NORDVIK", "Velskaland"),
    ("ARNO, Ostmark (Reuters) -- ", "ARNO", "Ostmark"),
    ("KELL, Brevania (AP) - ", "KELL", "Brevania"),
    ("TAMSIN, Lorrey (Reuters) – ", "TAMSIN", "Lorrey"),
    ("OSTRA, Vell. — ", "OSTRA", "Vell."),
    ("BRIX, Nord. (AP) -- ", "BRIX", "Nord."),
    // A dash glued to the place, as some papers write it.
    ("MILLBROOK\u{2014}", "MILLBROOK", ""),
    ("CEDAR FALLS, Iowa\u{2014}", "CEDAR FALLS", "Iowa"),
    ("HARBOR CITY\u{2014} ", "HARBOR CITY", ""),
    ("OAKDALE, Neb.\u{2014}", "OAKDALE", "Neb."),
    ("AL-MARSA, Syria\u{2013} ", "AL-MARSA", "Syria"),
    ("ST. LOUIS\u{2014}", "ST. LOUIS", ""),
    ("PORT ELLIS, Maine\u{2014}", "PORT ELLIS", "Maine"),
    ("KOSTRINO, Ukraine\u{2014}", "KOSTRINO", "Ukraine"),
    // A story that opens with a quotation.
    ("EAST HOLLIS, N.H. \u{2014} \"", "EAST HOLLIS", "N.H."),
];

/// Openings that are not datelines: photo captions, labels, and sentences and headlines with
/// places, commas and dashes.
const NOT_DATELINES: &[(&str, Kind)] = &[
    ("FILE - In this Jan. 5, 2019, file photo, a crowd gathers outside the Harbor City courthouse.", Kind::Caption),
    ("FILE - This March 3, 2020, file photo shows the Millbrook dam at dusk.", Kind::Caption),
    ("FILE — In this photo taken Oct. 2, 2018, workers repair a bridge in Cedar Falls, Iowa.", Kind::Caption),
    ("FILE -- A farmer walks through a field near Oakdale, Neb., on Sept. 9, 2019.", Kind::Caption),
    ("FILE – Voters wait in line at a school in Ashton, Ohio, on Nov. 3, 2020.", Kind::Caption),
    ("FILE PHOTO - A view of the Port Ellis harbor is seen in this undated photo.", Kind::Caption),
    ("FILE PHOTO: The logo of a fictional bank is seen in Redfield.", Kind::Caption),
    ("FILE PHOTO — Police officers stand guard outside the Glen Arbor city hall.", Kind::Caption),
    ("File - In this Feb. 11, 2017 photo, a ferry leaves Kestrel Bay.", Kind::Caption),
    ("File photo - Firefighters battle a blaze near Willow Creek, Calif.", Kind::Caption),
    ("PHOTO - Residents clean up after a storm in Pine Ridge, S.D.", Kind::Caption),
    ("AP PHOTO — The mayor of Dunmore speaks to reporters.", Kind::Caption),
    ("FILE IMAGE - A satellite view of the Stonebridge reservoir.", Kind::Caption),
    ("FILE - Sen. Jane Roe, R-Ky., speaks during a hearing on Capitol Hill.", Kind::Caption),
    ("FILE - Demonstrators march in Al-Marsa, Syria, in this 2012 file photo.", Kind::Caption),
    ("FILE – This undated image provided by the Hollis Police Department shows a stolen truck.", Kind::Caption),
    ("FILE -- Gov. Omar Haddad speaks in Branston, Pa., on Jan. 14, 2021.", Kind::Caption),
    ("FILE - Students arrive for class in Maplewood, N.J., in September.", Kind::Caption),
    ("FILE PHOTO -- Trucks line up at the border crossing near Nova Vila.", Kind::Caption),
    ("FILE — The Copper Hill mine, seen in 2015, closed last year.", Kind::Caption),
    ("FILE - In this Tuesday, June 4, 2019 photo, a worker checks a pipeline in Redfield, Texas.", Kind::Caption),
    ("FILE PHOTO – Workers load grain at the port of Bandar.", Kind::Caption),
    ("FILE - A sign welcomes visitors to Lake Marvin, Minn.", Kind::Caption),
    ("PHOTOS - The week in pictures from Harbor City.", Kind::Caption),
    ("FILE - This Aug. 8, 2018 file photo shows the Elm Grove water tower.", Kind::Caption),
    ("FILE — Traffic moves slowly on a highway outside Granger, Wash.", Kind::Caption),
    ("File — A nurse prepares a vaccine at a clinic in Fairview.", Kind::Caption),
    ("FILE - President Jane Roe waves to supporters in Silver Springs, Md.", Kind::Caption),
    ("FILE PHOTO - Smoke rises over Haditha, Iraq, in this file photo.", Kind::Caption),
    ("FILE - A view of the Riverbend skyline on a clear day.", Kind::Caption),
    ("UPDATE - The council has now voted on the dam plan.", Kind::Label),
    ("UPDATE 2 - Talks resume in Millbrook after a pause.", Kind::Label),
    ("ANALYSIS - Why the dam plan divides Harbor City.", Kind::Label),
    ("OPINION — The Riverbend council got it wrong.", Kind::Label),
    ("EDITOR'S NOTE — This story was updated to correct a date.", Kind::Label),
    ("EXCLUSIVE - Fictional bank weighs sale of its Ashton unit.", Kind::Label),
    ("BREAKING - The Stonebridge mayor has resigned.", Kind::Label),
    ("WATCH - The mayor's full remarks.", Kind::Label),
    ("CORRECTION — An earlier version misstated the vote count.", Kind::Label),
    ("COMMENTARY - A tale of two towns.", Kind::Label),
    ("VIDEO - Floodwaters reach Oakdale.", Kind::Label),
    ("LIVE - Results from the Cedar Falls election.", Kind::Label),
    ("Editor's note - This article first appeared in a fictional weekly.", Kind::Label),
    ("Update - Officials in Pine Ridge confirmed the figure.", Kind::Label),
    ("Analysis - The numbers behind the vote.", Kind::Label),
    ("Opinion - What Granger needs now.", Kind::Label),
    ("CLARIFICATION - The plan covers three counties, not two.", Kind::Label),
    ("ADVISORY - Editors please note the embargo.", Kind::Label),
    ("INTERVIEW - The mayor of Dunmore on the flood.", Kind::Label),
    ("REVIEW - A fictional novel about a small town.", Kind::Label),
    ("Officials in Millbrook, Ky., said Tuesday - in a statement - that the dam would close.", Kind::Sentence),
    ("Frankfort, Ky., is the state capital - and it is small.", Kind::Sentence),
    ("Voters in Ashton, Ohio, went to the polls - again - on Tuesday.", Kind::Sentence),
    ("The talks, held in Nova Vila, Brazil, ended early - without a deal.", Kind::Sentence),
    ("In a statement, the ministry said the plan - announced in May - was final.", Kind::Sentence),
    ("By Jane Roe and Omar Haddad", Kind::Sentence),
    ("By JANE ROE, Associated Press", Kind::Sentence),
    ("Harbor City officials - who declined to be named - said the vote failed.", Kind::Sentence),
    ("Texas, Ohio and Pennsylvania - three swing states - voted.", Kind::Sentence),
    ("Residents of Cedar Falls, Iowa, say the river - swollen by rain - is rising.", Kind::Sentence),
    ("What happened in Kostrino - and why it matters", Kind::Sentence),
    ("Sen. Jane Roe, R-Ky., said the bill - as written - would fail.", Kind::Sentence),
    ("Rep. Omar Haddad, D-N.Y., voted no.", Kind::Sentence),
    ("It was a long day in Millbrook.", Kind::Sentence),
    ("According to Reuters, the vote failed.", Kind::Sentence),
    ("The AP reported that the dam - built in 1950 - was failing.", Kind::Sentence),
    ("Reuters and AFP both said the plan had collapsed.", Kind::Sentence),
    ("Prices rose 3.5 percent in March, the agency said.", Kind::Sentence),
    ("\"We will not leave,\" she said - and she did not.", Kind::Sentence),
    ("Meanwhile, in Kira, the parliament met - briefly.", Kind::Sentence),
    ("Two years ago, in April, the dam broke.", Kind::Sentence),
    ("Protesters gathered - thousands of them - outside the court.", Kind::Sentence),
    ("On Tuesday - a holiday - shops in Oakdale closed.", Kind::Sentence),
    ("A spokesman, speaking in Bandar, said the port was open.", Kind::Sentence),
    ("Nobody expected this - least of all the mayor.", Kind::Sentence),
    ("5 things to know - the dam dispute", Kind::Sentence),
    ("Live updates: the vote in Riverbend", Kind::Sentence),
    ("San Isidro is known for fog - and for its port.", Kind::Sentence),
    ("The leaders met, and - after hours - agreed.", Kind::Sentence),
    ("Trade fell 2.1 percent, figures show - the third drop.", Kind::Sentence),
    ("Stonebridge-based analysts say the plan will fail.", Kind::Sentence),
    ("Jane Roe, a teacher in Maplewood, N.J., said she was worried.", Kind::Sentence),
    ("Kentucky - the state that voted first - is next.", Kind::Sentence),
    ("Syria's war - now in its tenth year - drags on.", Kind::Sentence),
    ("The governor of Virginia, Jane Roe, said - twice - that she would sign.", Kind::Sentence),
    ("A man from Pine Ridge, S.D., was arrested - police said - on Monday.", Kind::Sentence),
    ("Texas - not California - leads the count.", Kind::Sentence),
    ("New Hampshire voters - famously independent - head to the polls.", Kind::Sentence),
    ("Ohio, the bellwether, went red - again.", Kind::Sentence),
    ("Copper Hill, Mont., a town of 900, lost its mill.", Kind::Sentence),
    ("The mayor of Glen Arbor, Mich., resigned on Friday.", Kind::Sentence),
    ("Hollis, N.H. (population 8,000) has one school.", Kind::Sentence),
    ("In Port Ellis, Maine, the ferry - the only link - stopped.", Kind::Sentence),
    ("The Kestrel Bay, Ore., council voted 5-2.", Kind::Sentence),
    ("Dunmore and Redfield - two rival towns - merged.", Kind::Sentence),
    ("Why Ukraine matters - a short guide", Kind::Sentence),
    ("Brazil, Mexico and Colombia - the region's giants - met.", Kind::Sentence),
    ("Jane Roe - the Harbor City mayor - spoke first.", Kind::Sentence),
    ("Five years ago - almost to the day - the dam failed.", Kind::Sentence),
    ("Millbrook, the county seat, has a new mayor.", Kind::Sentence),
    ("Lake Marvin's water level - a record low - worries farmers.", Kind::Sentence),
    ("The council in Fairview, Ga., met on Monday.", Kind::Sentence),
    ("After the vote - a close one - the mayor left.", Kind::Sentence),
    ("Here's what we know - and what we don't.", Kind::Sentence),
    ("Ashton police say the suspect - a 34-year-old man - fled.", Kind::Sentence),
    ("When the dam broke in Willow Creek, Calif., nobody was hurt.", Kind::Sentence),
    ("If you live in Branston, Pa., the new rules apply - from June.", Kind::Sentence),
    ("As the storm neared Silver Springs, Md., schools closed.", Kind::Sentence),
    ("Gov. Omar Haddad of Kentucky - a Republican - vetoed the bill.", Kind::Sentence),
    ("The Elm Grove, Wis., fire - the worst in decades - is out.", Kind::Sentence),
    ("Granger, Wash.: a town divided", Kind::Sentence),
    ("Riverbend (pop. 12,000) - a profile", Kind::Sentence),
    ("Cape Arno, New Zealand, is remote - and proud of it.", Kind::Sentence),
    ("Officials from Al-Marsa, Syria, arrived - late - for the talks.", Kind::Sentence),
    ("The Pennsylvania senator - a Democrat - said no.", Kind::Sentence),
    ("For decades, Hollis - a quiet town - had no crime.", Kind::Sentence),
    ("Two men from Nordvik were charged - prosecutors said - with fraud.", Kind::Sentence),
    ("Unemployment in Ohio - at 4.1 percent - is falling.", Kind::Sentence),
    ("Since 2015, Takayama, Japan, has grown - slowly.", Kind::Sentence),
    ("Voters - tired and cold - waited for hours.", Kind::Sentence),
    ("The bill, which passed 52-48, now goes to the House - and then to the governor.", Kind::Sentence),
    ("Q&A - What the dam ruling means", Kind::Sentence),
    ("Photos: the flood in Oakdale", Kind::Sentence),
    ("Timeline - the dam dispute", Kind::Sentence),
    ("Explainer - how the vote works", Kind::Sentence),
    ("Factbox - Who is running for mayor", Kind::Sentence),
    ("Snapshot - the state of the race", Kind::Sentence),
    ("Here is the full text - as released by the council.", Kind::Sentence),
    ("Mr. Haddad, 54, said - through a lawyer - that he was innocent.", Kind::Sentence),
    ("Dr. Jane Roe of Harbor City - an expert on dams - disagreed.", Kind::Sentence),
    ("St. Louis, Mo., and Kansas City, Kan., will share the cost.", Kind::Sentence),
    ("Some 40 percent - a record - voted early.", Kind::Sentence),
    ("More than 300 people - most of them children - were moved.", Kind::Sentence),
    ("President Roe's plan - unveiled Monday - faces hurdles.", Kind::Sentence),
    ("Millbrook's mayor - Jane Roe - won again.", Kind::Sentence),
    ("Saudi Arabia and Egypt - old allies - disagree.", Kind::Sentence),
    ("It's official - the dam will be rebuilt.", Kind::Sentence),
    ("Critics, including two senators, said the plan - as drafted - was flawed.", Kind::Sentence),
    ("Asked about the vote, she said - smiling - that it was fine.", Kind::Sentence),
    ("In Baghlan, Afghanistan, aid workers said - on condition of anonymity - that food was short.", Kind::Sentence),
    ("Texas Gov. Omar Haddad - a Republican - signed the bill.", Kind::Sentence),
    ("New York City - the largest US city - reopened schools.", Kind::Sentence),
    ("Mexico City's mayor - Jane Roe - said the water was safe.", Kind::Sentence),
    ("Port-au-Prince residents - weary of violence - stayed home.", Kind::Sentence),
    ("The Quebec premier - facing an election - spoke in French.", Kind::Sentence),
    ("Ontario's budget - the largest ever - passed.", Kind::Sentence),
    ("British Columbia - hit by floods - asked for help.", Kind::Sentence),
    ("Across Iowa, farmers - hit by drought - sold cattle.", Kind::Sentence),
    ("Under the plan, Ashton - and two other towns - get funds.", Kind::Sentence),
    ("Ohio State - ranked third - lost on Saturday.", Kind::Sentence),
    ("Washington State - a fictional story - the team lost.", Kind::Sentence),
    ("Nevada's voters - split as ever - decided.", Kind::Sentence),
    ("Tuesday's vote - the first since 2019 - was close.", Kind::Sentence),
    ("Breaking news: the dam has failed", Kind::Sentence),
    ("Related: the dam plan explained", Kind::Sentence),
    ("Read more - the dam plan explained", Kind::Sentence),
    ("Editorial - The council must act", Kind::Sentence),
    ("Bulletin - polls close at 8", Kind::Sentence),
    ("Developing - more details to come", Kind::Sentence),
    ("Urgent - Millbrook dam breached", Kind::Sentence),
    ("Warning - this story contains graphic details", Kind::Sentence),
    ("Listen - the mayor's speech", Kind::Sentence),
    ("Note - figures are preliminary", Kind::Sentence),
    ("Lawmakers\u{2014}who met on Monday\u{2014}agreed.", Kind::Sentence),
    ("The vote\u{2014}a close one\u{2014}passed.", Kind::Sentence),
    ("NATO\u{2014}the alliance\u{2014}met on Monday.", Kind::Sentence),
    ("Harbor City\u{2014}The council met.", Kind::Sentence),
    ("FILE\u{2014}In this Jan. 5 photo, a ferry leaves Kestrel Bay.", Kind::Caption),
    ("FILE PHOTO\u{2014}A view of the Port Ellis harbor.", Kind::Caption),
];

#[test]
fn wire_style_datelines_table() {
    let analyzer = Analyzer::new().unwrap();
    assert!(DATELINES.len() + NOT_DATELINES.len() >= 300);
    let (mut found, mut place_right, mut region_right) = (0, 0, 0);
    for (opening, place, region) in DATELINES {
        let text = format!("{opening}The council voted on the dam plan on Tuesday.");
        let a = analyzer.analyze_text(&text).unwrap();
        let Some(d) = a.provenance.dateline else {
            eprintln!("missed: {text:?}");
            continue;
        };
        found += 1;
        place_right += usize::from(d.place.text == *place);
        let got = d.region.as_ref().map_or("", |r| r.text.as_str());
        region_right += usize::from(got == *region);
        if d.place.text != *place || got != *region {
            eprintln!(
                "parts: {text:?} -> place {:?}, region {got:?}",
                d.place.text
            );
        }
    }
    let mut taken = [0usize; 3];
    for (text, kind) in NOT_DATELINES {
        let a = analyzer.analyze_text(text).unwrap();
        if let Some(d) = &a.provenance.dateline {
            taken[*kind as usize] += 1;
            eprintln!("false dateline ({kind:?}): {text:?} -> {:?}", d.span.text);
        }
    }
    let n = DATELINES.len() as f64;
    let recall = found as f64 / n;
    let negatives = NOT_DATELINES.len();
    let false_found: usize = taken.iter().sum();
    let precision = found as f64 / (found + false_found) as f64;
    println!(
        "wire-style datelines: {} openings, {negatives} not datelines; recall {recall:.3}, \
         place {:.3}, region {:.3}, precision {precision:.3}; captions taken {}, labels {}, \
         sentences {}",
        DATELINES.len(),
        place_right as f64 / n,
        region_right as f64 / n,
        taken[Kind::Caption as usize],
        taken[Kind::Label as usize],
        taken[Kind::Sentence as usize],
    );
    assert!(recall >= 0.97, "recall {recall}");
    assert!(place_right as f64 / n >= 0.97, "place {place_right}");
    assert_eq!(
        taken[Kind::Caption as usize],
        0,
        "a caption taken for a dateline"
    );
    assert!(precision >= 0.97, "precision {precision}");
}

#[test]
fn dateline_region_and_agency_parts() {
    let analyzer = Analyzer::new().unwrap();
    let d = analyzer
        .analyze_text("MILLBROOK, Ky. (AP) \u{2014} The council met.")
        .unwrap()
        .provenance
        .dateline
        .unwrap();
    assert_eq!(d.place.text, "MILLBROOK");
    assert_eq!(d.region.unwrap().text, "Ky.");
    assert_eq!(d.agency.unwrap().text, "AP");
    assert_eq!(d.span.text, "MILLBROOK, Ky. (AP) \u{2014}");
    let d = analyzer
        .analyze_text("HARBOR CITY, North Carolina, Jan. 5 (Reuters) -- The council met.")
        .unwrap()
        .provenance
        .dateline
        .unwrap();
    assert_eq!(d.region.unwrap().text, "North Carolina");
    assert_eq!(d.date.unwrap().text, "Jan. 5");
}
