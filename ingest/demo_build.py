"""Build the demo data set in ingest/demo/ (run: `python -m ingest.demo_build`).

Two kinds of rows:

- real-world rows, hand-written in the tables below: organisations that exist, treaties and
  public operations, each with a `source` citation. Only facts stated in public sources are
  used; where a date's day or month is not certain it is written at year precision (the
  model keeps partial dates), and figures that are not certain are left empty.
- illustrative rows, generated from a fixed seed: made-up firms, units, agreements and
  activities whose `source` is "illustrative". They exist so that metrics, trust and gaps
  have a network to work on; they describe nothing real.

Dates that matter relative to "now" (expiries, planned and ongoing activities) are computed
from REFERENCE, a fixed date, so the committed CSVs are byte-stable and the demo keeps
agreements that expire "in the next 90 days" of that date. `--reference YYYY-MM-DD`
rebuilds the set around another date (see ingest/demo/README.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from collections import defaultdict
from pathlib import Path
from typing import Any

from graph.model import Focus, Scope
from graph.regions import REGION_OF, countries
from ingest.csv_sink import CsvSink

REFERENCE = dt.date(2026, 11, 29)
SEED = 20261129
DEMO_DIR = Path(__file__).resolve().parent / "demo"
ILLUSTRATIVE = "illustrative"

# --- the strategy ---------------------------------------------------------------------------

OBJECTIVES: list[tuple[str, str, str]] = [
    ("OBJ-1", "Actionable intelligence",
     "Turn information from member countries and partners into actionable intelligence on "
     "cybercrime threats and actors."),
    ("OBJ-2", "Prevention, disruption and attribution through coordinated operations",
     "Prevent and disrupt cybercrime and attribute it to its perpetrators through coordinated "
     "operations led by the regional desks."),
    ("OBJ-3", "Open, inclusive and diverse partnerships and trust",
     "Cultivate open, inclusive and diverse partnerships and build trust in the global "
     "cybersecurity ecosystem."),
    ("OBJ-3.1", "Capacity-building projects delivered to member countries",
     "Expected outcome of OBJ-3."),
    ("OBJ-3.2", "Wider use of shared tools and platforms for exchanging information",
     "Expected outcome of OBJ-3."),
    ("OBJ-3.3", "Enhanced and expanded partnerships",
     "Expected outcome of OBJ-3: joint activities, strategic alignment and policy formulation "
     "based on trust induced by technological and regulatory means."),
    ("OBJ-4", "Policy and convention work",
     "Support policy formulation and international legal instruments against cybercrime."),
]

PLATFORMS: list[tuple[str, str, str]] = [
    ("I-24-7", "INTERPOL I-24/7", "INTERPOL's secure global police communications system."),
    ("SIENA", "Europol SIENA", "Secure Information Exchange Network Application of Europol."),
    ("MISP", "MISP", "Open-source threat intelligence and indicator sharing platform."),
    ("NO-MORE-RANSOM", "No More Ransom", "Public portal with free ransomware decryption tools, "
     "launched in 2016 by law enforcement and private partners."),
    ("SHADOWSERVER-REPORTS", "Shadowserver network reports",
     "Free reports on exposed and compromised systems, sent to network owners and CERTs."),
    ("BUDAPEST-24-7", "Budapest Convention 24/7 network",
     "Network of contact points under Article 35 of the Convention on Cybercrime."),
    ("DESK-PORTAL", "Regional desk intelligence portal", "Illustrative shared platform."),
    ("CASE-HUB", "Joint case coordination hub", "Illustrative shared platform."),
]

# --- real organisations -------------------------------------------------------------------

_ORG_SOURCE = "public information published by the organisation"
# id, name, kind, country, sector, aliases, website, home region (None = global)
REAL_PARTNERS: list[tuple[str, str, str, str | None, str, str, str, str | None]] = [
    ("INTERPOL", "INTERPOL", "international_org", "FR", "policing",
     "International Criminal Police Organization;ICPO", "https://www.interpol.int", None),
    ("EUROPOL", "Europol", "international_org", "NL", "policing",
     "European Union Agency for Law Enforcement Cooperation;EC3", "https://www.europol.europa.eu", "EUR"),
    ("EUROJUST", "Eurojust", "international_org", "NL", "justice", "", "https://www.eurojust.europa.eu", "EUR"),
    ("COE", "Council of Europe", "international_org", "FR", "policy", "", "https://www.coe.int", None),
    ("UNODC", "United Nations Office on Drugs and Crime", "international_org", "AT", "policy",
     "UNODC", "https://www.unodc.org", None),
    ("UN-OLA", "United Nations Office of Legal Affairs, Treaty Section", "international_org", "US",
     "policy", "", "https://treaties.un.org", None),
    ("AU", "African Union Commission", "international_org", "ET", "policy", "", "https://au.int", "AFR"),
    ("AFRIPOL", "AFRIPOL", "international_org", "DZ", "policing",
     "African Union Mechanism for Police Cooperation", "", "AFR"),
    ("AMERIPOL", "AMERIPOL", "international_org", None, "policing", "", "", "AMS"),
    ("ASEANAPOL", "ASEANAPOL", "international_org", "MY", "policing", "ASEAN Chiefs of Police", "", "ASP"),
    ("GCCPOL", "GCCPOL", "international_org", "AE", "policing", "", "", "MENA"),
    ("OAS", "Organization of American States", "international_org", "US", "policy", "OAS",
     "https://www.oas.org", "AMS"),
    ("ENISA", "European Union Agency for Cybersecurity", "international_org", "GR", "cybersecurity",
     "ENISA", "https://www.enisa.europa.eu", "EUR"),
    ("GFCE", "Global Forum on Cyber Expertise", "international_org", "NL", "capacity building",
     "GFCE", "https://thegfce.org", None),
    ("GROUP-IB", "Group-IB", "private_sector", "SG", "threat intelligence", "", "https://www.group-ib.com", None),
    ("TREND-MICRO", "Trend Micro", "private_sector", "JP", "security vendor", "", "https://www.trendmicro.com", None),
    ("KASPERSKY", "Kaspersky", "private_sector", "RU", "security vendor", "", "https://www.kaspersky.com", None),
    ("FORTINET", "Fortinet", "private_sector", "US", "security vendor", "", "https://www.fortinet.com", None),
    ("PALO-ALTO", "Palo Alto Networks", "private_sector", "US", "security vendor", "Unit 42",
     "https://www.paloaltonetworks.com", None),
    ("MICROSOFT-DCU", "Microsoft Digital Crimes Unit", "private_sector", "US", "technology", "Microsoft DCU",
     "https://www.microsoft.com", None),
    ("CISCO-TALOS", "Cisco Talos", "private_sector", "US", "threat intelligence", "", "https://www.talosintelligence.com", None),
    ("CHECK-POINT", "Check Point Software Technologies", "private_sector", "IL", "security vendor", "Check Point",
     "https://www.checkpoint.com", "MENA"),
    ("BITDEFENDER", "Bitdefender", "private_sector", "RO", "security vendor", "", "https://www.bitdefender.com", "EUR"),
    ("ESET", "ESET", "private_sector", "SK", "security vendor", "", "https://www.eset.com", "EUR"),
    ("TEAM-CYMRU", "Team Cymru", "private_sector", "US", "threat intelligence", "", "https://www.team-cymru.com", None),
    ("CHAINALYSIS", "Chainalysis", "private_sector", "US", "blockchain analytics", "", "https://www.chainalysis.com", None),
    ("TRM-LABS", "TRM Labs", "private_sector", "US", "blockchain analytics", "", "https://www.trmlabs.com", None),
    ("CLOUDFLARE", "Cloudflare", "private_sector", "US", "internet infrastructure", "", "https://www.cloudflare.com", None),
    ("CROWDSTRIKE", "CrowdStrike", "private_sector", "US", "security vendor", "", "https://www.crowdstrike.com", None),
    ("SHADOWSERVER", "The Shadowserver Foundation", "ngo", None, "internet security", "Shadowserver",
     "https://www.shadowserver.org", None),
    ("SPAMHAUS", "The Spamhaus Project", "ngo", None, "internet security", "Spamhaus", "https://www.spamhaus.org", None),
    ("APWG", "Anti-Phishing Working Group", "ngo", "US", "internet security", "APWG", "https://apwg.org", None),
    ("CYBERPEACE", "CyberPeace Institute", "ngo", "CH", "civil society", "", "https://cyberpeaceinstitute.org", "EUR"),
    ("GCA", "Global Cyber Alliance", "ngo", "US", "internet security", "", "https://globalcyberalliance.org", None),
    ("FIRST", "Forum of Incident Response and Security Teams", "ngo", "US", "incident response",
     "FIRST", "https://www.first.org", None),
    ("CAM-CCC", "Cambridge Cybercrime Centre, University of Cambridge", "academia", "GB", "research", "",
     "https://www.cambridgecybercrime.uk", "EUR"),
    ("OX-GCSCC", "Global Cyber Security Capacity Centre, University of Oxford", "academia", "GB",
     "capacity building", "GCSCC", "https://gcscc.ox.ac.uk", "EUR"),
    ("CERT-EU", "CERT-EU", "cert", "BE", "incident response", "", "https://cert.europa.eu", "EUR"),
    ("JPCERT", "JPCERT/CC", "cert", "JP", "incident response", "", "https://www.jpcert.or.jp", "ASP"),
    ("CERT-BR", "CERT.br", "cert", "BR", "incident response", "", "https://www.cert.br", "AMS"),
    ("CERT-IN", "CERT-In", "cert", "IN", "incident response", "Indian Computer Emergency Response Team",
     "https://www.cert-in.org.in", "ASP"),
    ("NGCERT", "ngCERT", "cert", "NG", "incident response", "Nigeria Computer Emergency Response Team", "", "AFR"),
    ("KE-CIRT", "KE-CIRT/CC", "cert", "KE", "incident response", "", "", "AFR"),
    ("SINGCERT", "SingCERT", "cert", "SG", "incident response", "", "", "ASP"),
    ("CERT-FR", "CERT-FR", "cert", "FR", "incident response", "", "https://www.cert.ssi.gouv.fr", "EUR"),
    ("CERT-PL", "CERT Polska", "cert", "PL", "incident response", "", "https://cert.pl", "EUR"),
    ("AECERT", "aeCERT", "cert", "AE", "incident response", "", "", "MENA"),
    ("MACERT", "maCERT", "cert", "MA", "incident response", "", "", "MENA"),
    ("AUSCERT", "AusCERT", "cert", "AU", "incident response", "", "https://www.auscert.org.au", "ASP"),
    ("US-CISA", "Cybersecurity and Infrastructure Security Agency", "government", "US", "cybersecurity",
     "CISA", "https://www.cisa.gov", "AMS"),
    ("GB-NCSC", "National Cyber Security Centre", "government", "GB", "cybersecurity", "NCSC",
     "https://www.ncsc.gov.uk", "EUR"),
    ("US-FBI", "Federal Bureau of Investigation", "law_enforcement", "US", "policing", "FBI", "https://www.fbi.gov", "AMS"),
    ("US-USSS", "United States Secret Service", "law_enforcement", "US", "policing", "USSS", "https://www.secretservice.gov", "AMS"),
    ("GB-NCA", "National Crime Agency", "law_enforcement", "GB", "policing", "NCA", "https://www.nationalcrimeagency.gov.uk", "EUR"),
    ("DE-BKA", "Bundeskriminalamt", "law_enforcement", "DE", "policing", "BKA;Federal Criminal Police Office",
     "https://www.bka.de", "EUR"),
    ("NL-POLICE", "Netherlands Police", "law_enforcement", "NL", "policing", "Politie", "https://www.politie.nl", "EUR"),
    ("FR-GN", "Gendarmerie nationale", "law_enforcement", "FR", "policing", "", "https://www.gendarmerie.interieur.gouv.fr", "EUR"),
    ("ES-GC", "Guardia Civil", "law_enforcement", "ES", "policing", "", "https://www.guardiacivil.es", "EUR"),
    ("IT-POLPOSTALE", "Polizia Postale e delle Comunicazioni", "law_enforcement", "IT", "policing",
     "Polizia Postale", "", "EUR"),
    ("PL-CBZC", "Central Cybercrime Bureau", "law_enforcement", "PL", "policing", "CBZC", "", "EUR"),
    ("RO-POLICE", "Romanian Police", "law_enforcement", "RO", "policing", "Poliția Română", "", "EUR"),
    ("UA-CYBERPOLICE", "Cyber Police of Ukraine", "law_enforcement", "UA", "policing", "", "", "EUR"),
    ("CA-RCMP", "Royal Canadian Mounted Police", "law_enforcement", "CA", "policing", "RCMP", "https://www.rcmp-grc.gc.ca", "AMS"),
    ("BR-PF", "Polícia Federal", "law_enforcement", "BR", "policing", "Brazilian Federal Police", "https://www.gov.br/pf", "AMS"),
    ("AR-PFA", "Policía Federal Argentina", "law_enforcement", "AR", "policing", "PFA", "", "AMS"),
    ("CO-PONAL", "Policía Nacional de Colombia", "law_enforcement", "CO", "policing", "", "", "AMS"),
    ("AU-AFP", "Australian Federal Police", "law_enforcement", "AU", "policing", "AFP", "https://www.afp.gov.au", "ASP"),
    ("JP-NPA", "National Police Agency", "law_enforcement", "JP", "policing", "NPA Japan", "https://www.npa.go.jp", "ASP"),
    ("KR-KNPA", "Korean National Police Agency", "law_enforcement", "KR", "policing", "KNPA", "", "ASP"),
    ("SG-SPF", "Singapore Police Force", "law_enforcement", "SG", "policing", "SPF", "https://www.police.gov.sg", "ASP"),
    ("IN-CBI", "Central Bureau of Investigation", "law_enforcement", "IN", "policing", "CBI", "https://cbi.gov.in", "ASP"),
    ("ID-POLRI", "Indonesian National Police", "law_enforcement", "ID", "policing", "Polri", "", "ASP"),
    ("PH-PNP-ACG", "Philippine National Police Anti-Cybercrime Group", "law_enforcement", "PH", "policing",
     "PNP-ACG", "", "ASP"),
    ("TH-RTP", "Royal Thai Police", "law_enforcement", "TH", "policing", "", "", "ASP"),
    ("NG-NPF", "Nigeria Police Force", "law_enforcement", "NG", "policing",
     "NPF;Nigeria Police;NPF National Cybercrime Centre", "https://npf.gov.ng", "AFR"),
    ("NG-EFCC", "Economic and Financial Crimes Commission", "law_enforcement", "NG", "policing", "EFCC",
     "https://www.efcc.gov.ng", "AFR"),
    ("KE-DCI", "Directorate of Criminal Investigations", "law_enforcement", "KE", "policing", "DCI Kenya", "", "AFR"),
    ("ZA-SAPS", "South African Police Service", "law_enforcement", "ZA", "policing", "SAPS", "https://www.saps.gov.za", "AFR"),
    ("GH-GPS", "Ghana Police Service", "law_enforcement", "GH", "policing", "", "", "AFR"),
    ("CI-PLCC", "Plateforme de Lutte Contre la Cybercriminalité", "law_enforcement", "CI", "policing", "PLCC", "", "AFR"),
    ("AE-DUBAI-POLICE", "Dubai Police", "law_enforcement", "AE", "policing", "", "", "MENA"),
    ("MA-DGSN", "Direction Générale de la Sûreté Nationale", "law_enforcement", "MA", "policing", "DGSN", "", "MENA"),
]

# --- real instruments ------------------------------------------------------------------------

_ETS185 = ("Council of Europe Treaty Office, ETS No. 185 (Convention on Cybercrime), chart of "
           "signatures and ratifications; years where the exact day is not cited")
_CETS224 = ("Council of Europe Treaty Office, CETS No. 224 (Second Additional Protocol), opened "
            "for signature 12 May 2022; only signatures recorded here")
_UNCC = ("United Nations General Assembly resolution 79/243 (adopted 24 December 2024); opened for "
         "signature in Hanoi on 25 October 2025; not in force when recorded; signatories not listed")
_MALABO = ("African Union, Convention on Cyber Security and Personal Data Protection, adopted in "
           "Malabo 27 June 2014, in force 8 June 2023; state parties not listed")

# id, title, kind, status, signed_on, effective_from, binding, scope, objectives, depositary, source
REAL_AGREEMENTS: list[tuple[str, str, str, str, str, str, bool, str, str, str, str]] = [
    ("ETS-185", "Convention on Cybercrime (Budapest Convention)", "convention", "active", "2001-11-23",
     "2004-07-01", True, "information_sharing;joint_operations;technical_assistance", "OBJ-4;OBJ-3.3",
     "COE", _ETS185),
    ("CETS-224", "Second Additional Protocol to the Convention on Cybercrime on enhanced co-operation "
     "and disclosure of electronic evidence", "protocol", "signed", "2022-05-12", "", True,
     "information_sharing;joint_operations", "OBJ-4;OBJ-1", "COE", _CETS224),
    ("UN-CYBERCRIME-2024", "United Nations Convention against Cybercrime", "convention", "signed",
     "2025-10-25", "", True, "information_sharing;technical_assistance;capacity_building",
     "OBJ-4", "UN-OLA", _UNCC),
    ("AU-MALABO", "African Union Convention on Cyber Security and Personal Data Protection "
     "(Malabo Convention)", "convention", "active", "2014-06-27", "2023-06-08", True,
     "information_sharing;capacity_building", "OBJ-4", "AU", _MALABO),
]

# Budapest Convention: country, signed_on (opening day or empty for accession), ratified/acceded.
ETS185_PARTIES: list[tuple[str, str, str]] = [
    ("US", "2001-11-23", "2006"), ("JP", "2001-11-23", "2012"), ("CA", "2001-11-23", "2015"),
    ("ZA", "2001-11-23", ""), ("GB", "2001-11-23", "2011"), ("DE", "2001-11-23", "2009"),
    ("FR", "2001-11-23", "2006"), ("NL", "2001-11-23", "2006"), ("IT", "2001-11-23", "2008"),
    ("EE", "2001-11-23", "2003"), ("HU", "2001-11-23", "2003"), ("AL", "2001-11-23", "2002"),
    ("HR", "2001-11-23", "2002"), ("RO", "2001-11-23", "2004"), ("UA", "2001-11-23", "2006"),
    ("ES", "2001-11-23", "2010"), ("PT", "2001-11-23", "2010"), ("NO", "2001-11-23", "2006"),
    ("FI", "2001-11-23", "2007"), ("SE", "2001-11-23", "2021"),
    ("AU", "", "2012"), ("DO", "", "2013"), ("MU", "", "2013"), ("PA", "", "2014"),
    ("LK", "", "2015"), ("IL", "", "2016"), ("SN", "", "2016"), ("CL", "", "2017"),
    ("CR", "", "2017"), ("TO", "", "2017"), ("AR", "", "2018"), ("GH", "", "2018"),
    ("MA", "", "2018"), ("PH", "", "2018"), ("PY", "", "2018"), ("CV", "", "2018"),
    ("PE", "", "2019"), ("CO", "", "2020"), ("NG", "", "2022"), ("BR", "", "2022"),
]
CETS224_SIGNATORIES = ["US", "JP", "NL", "ES", "PT", "IT", "RO", "CL", "CO", "MA", "EE", "FI"]

# --- real operations and initiatives -------------------------------------------------------

# id, name, kind, start, end, focus, outcomes (as a steward writes them: ~ approximately,
# > at least, money with its currency), participants (partner, role), source
REAL_ACTIVITIES: list[tuple[str, str, str, str, str, str, dict[str, int | str], list[tuple[str, str]], str]] = [
    ("OP-FALCON-2020", "Operation Falcon", "operation", "2020", "2020-11", "bec;phishing;malware",
     {"arrests": 3}, [("NG-NPF", "lead"), ("INTERPOL", "coordinator"), ("GROUP-IB", "private_partner")],
     "INTERPOL press release, November 2020 (Operation Falcon)"),
    ("OP-FALCON-II", "Operation Falcon II", "operation", "2021", "2021-12", "bec;malware",
     {"arrests": 11}, [("NG-NPF", "lead"), ("INTERPOL", "coordinator"), ("GROUP-IB", "private_partner"),
                       ("PALO-ALTO", "private_partner")],
     "INTERPOL press release, January 2022 (Operation Falcon II)"),
    ("OP-KILLER-BEE", "Operation Killer Bee", "operation", "2023", "2023-05", "bec;malware",
     {"arrests": 3}, [("NG-NPF", "lead"), ("INTERPOL", "coordinator")],
     "INTERPOL press release, May 2023 (Operation Killer Bee)"),
    ("OP-HAECHI-IV", "Operation HAECHI IV", "operation", "2023", "2023", "online_fraud;money_laundering",
     {"arrests": "~3500", "seized": "USD ~300 million"}, [("INTERPOL", "coordinator"), ("KR-KNPA", "sponsor")],
     "INTERPOL press release, December 2023 (Operation HAECHI IV)"),
    ("OP-HAECHI-V", "Operation HAECHI V", "operation", "2024", "2024", "online_fraud;money_laundering",
     {"arrests": ">5500", "seized": "USD >400 million"}, [("INTERPOL", "coordinator"), ("KR-KNPA", "sponsor")],
     "INTERPOL press release, November 2024 (Operation HAECHI V)"),
    ("OP-SERENGETI", "Operation Serengeti", "operation", "2024-09", "2024-10",
     "ransomware;bec;online_fraud", {"arrests": 1006},
     [("INTERPOL", "coordinator"), ("AFRIPOL", "coordinator")],
     "INTERPOL press release, November 2024 (Operation Serengeti)"),
    ("OP-SYNERGIA", "Operation Synergia", "operation", "2023-09", "2023-11", "phishing;malware;ransomware",
     {"arrests": 31}, [("INTERPOL", "coordinator"), ("GROUP-IB", "private_partner"),
                       ("KASPERSKY", "private_partner"), ("TREND-MICRO", "private_partner")],
     "INTERPOL press release, February 2024 (Operation Synergia)"),
    ("OP-SYNERGIA-II", "Operation Synergia II", "operation", "2024-04", "2024-08",
     "phishing;malware;ransomware;infostealers", {"arrests": 41, "takedowns": "~22000"},
     [("INTERPOL", "coordinator"), ("GROUP-IB", "private_partner"), ("KASPERSKY", "private_partner"),
      ("TREND-MICRO", "private_partner")],
     "INTERPOL press release, November 2024 (Operation Synergia II)"),
    ("OP-ENDGAME", "Operation Endgame", "operation", "2024-05", "2024-05", "malware;botnets",
     {"arrests": 4, "servers_seized": 100},
     [("EUROPOL", "coordinator"), ("EUROJUST", "coordinator"), ("DE-BKA", "participant"),
      ("NL-POLICE", "participant"), ("US-FBI", "participant"), ("GB-NCA", "participant")],
     "Europol press release, 30 May 2024 (Operation Endgame)"),
    ("OP-CRONOS", "Operation Cronos", "operation", "2024-02", "2024-02", "ransomware",
     {"arrests": 2, "servers_seized": 34},
     [("GB-NCA", "lead"), ("US-FBI", "participant"), ("EUROPOL", "coordinator"), ("EUROJUST", "coordinator")],
     "Europol and National Crime Agency press releases, February 2024 (LockBit disruption)"),
    ("OP-EMOTET", "Emotet botnet disruption", "operation", "2021-01", "2021-01", "malware;botnets", {},
     [("EUROPOL", "coordinator"), ("EUROJUST", "coordinator"), ("NL-POLICE", "participant"),
      ("DE-BKA", "participant"), ("US-FBI", "participant"), ("GB-NCA", "participant"),
      ("CA-RCMP", "participant"), ("UA-CYBERPOLICE", "participant")],
     "Europol press release, 27 January 2021 (Emotet)"),
    ("OP-DUCK-HUNT", "Operation Duck Hunt (Qakbot)", "operation", "2023-08", "2023-08", "malware;botnets",
     {"seized": "USD >8.6 million"},
     [("US-FBI", "lead"), ("DE-BKA", "participant"), ("NL-POLICE", "participant"), ("GB-NCA", "participant")],
     "US Department of Justice press release, August 2023 (Qakbot)"),
    ("OP-MAGNUS", "Operation Magnus", "operation", "2024-10", "2024-10", "infostealers;malware", {},
     [("NL-POLICE", "lead"), ("US-FBI", "participant"), ("EUROJUST", "coordinator")],
     "Eurojust and Netherlands Police press releases, October 2024 (RedLine and META infostealers)"),
    ("OP-SECURE", "Operation Secure", "operation", "2025-01", "2025-04", "infostealers;malware",
     {"arrests": 32}, [("INTERPOL", "coordinator")],
     "INTERPOL press release, June 2025 (Operation Secure)"),
    ("OP-RED-CARD", "Operation Red Card", "operation", "2024-11", "2025-02", "online_fraud;phishing",
     {"arrests": 306}, [("INTERPOL", "coordinator")],
     "INTERPOL press release, March 2025 (Operation Red Card)"),
    ("NO-MORE-RANSOM", "No More Ransom", "awareness_campaign", "2016-07", "", "ransomware", {},
     [("EUROPOL", "coordinator"), ("NL-POLICE", "lead"), ("KASPERSKY", "private_partner")],
     "Europol press release, July 2016 (No More Ransom launch)"),
]

# --- illustrative generation ----------------------------------------------------------------

DEMO_COUNTRIES: dict[str, list[str]] = {
    "AFR": "NG KE ZA GH CI SN CM UG TZ RW ZM ET MU BW".split(),
    "AMS": "US CA BR AR CO MX CL PE CR DO PA JM TT EC".split(),
    "ASP": "JP KR SG IN ID PH TH AU MY VN LK NZ FJ BD PK".split(),
    "EUR": "GB DE NL FR ES IT PL RO UA PT EE FI SE NO CH AT BE".split(),
    "MENA": "AE MA EG SA JO TN".split(),  # deliberately thin: the gaps view needs one
}
# Share of joint activities homed in each region; MENA is thin on purpose.
ACTIVITY_REGION_WEIGHTS = {"AFR": 0.27, "AMS": 0.17, "ASP": 0.21, "EUR": 0.30, "MENA": 0.05}
# Hubs: drawn far more often, so centrality and brokerage have someone to find.
HUB_WEIGHTS = {"INTERPOL": 40, "EUROPOL": 20, "AFRIPOL": 12, "GROUP-IB": 12, "NG-NPF": 8,
               "MICROSOFT-DCU": 7, "TREND-MICRO": 6, "US-FBI": 8, "AMERIPOL": 6, "ASEANAPOL": 6,
               "UNODC": 6, "SHADOWSERVER": 5, "KE-DCI": 4, "SG-SPF": 4, "GB-NCA": 5}

_DESKS = {"AFR": "Africa", "AMS": "Americas", "ASP": "Asia and South Pacific", "EUR": "Europe",
          "MENA": "Middle East and North Africa"}
_FIRM_A = ("Kestrel Basalt Harbor Lumen Northwind Quartz Meridian Sable Vantage Cobalt Ironbark "
           "Tamarind Baobab Andean Sahel Monsoon Fjordline Cedar Orca Marlin Zephyr Granite "
           "Heron Juniper Lattice Obsidian Pelican Sentinel Tessera Umber").split()
_FIRM_B = ["Security", "Cyber Labs", "Threat Intelligence", "Networks", "Analytics", "Forensics",
           "Digital Trust", "Telecom", "Bank", "Payments"]
_CODE_A = ("Amber Silent Copper Northern Granite Hollow Crimson Quiet Iron Azure Falling Distant "
           "Hidden Scarlet Emerald Silver Winter Desert Coral Midnight").split()
_CODE_B = ("Harbor Lantern Meridian Tide Sparrow Bastion Compass Ember Glacier Orchard Pillar "
           "Quarry Reef Summit Thicket Vessel Willow Cascade Beacon Delta").split()
_TOPICS = ["digital forensics", "cryptocurrency tracing", "dark web investigations",
           "ransomware response", "BEC investigations", "open-source intelligence",
           "electronic evidence", "malware analysis", "incident handling", "cyber threat intelligence"]
_KIND_FOCUS = {
    "operation": ["ransomware", "bec", "phishing", "malware", "online_fraud", "botnets", "ddos",
                  "cryptocrime", "child_exploitation", "dark_web", "money_laundering", "infostealers"],
}


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _in_force(consent: dt.date) -> dt.date:
    """When a treaty enters into force for a state: the first day of the month after three
    months from its consent (the Budapest Convention's rule, used for made-up treaties)."""
    month = consent.year * 12 + consent.month - 1 + 4
    return dt.date(month // 12, month % 12 + 1, 1)


class _Demo:
    """Holds the small demo in memory (a few thousand rows) and writes it once."""

    def __init__(self, reference: dt.date, seed: int) -> None:
        self.ref = reference
        self.rng = random.Random(seed)
        self.names = {c.code: c.name for c in countries()}
        self.partners: dict[str, dict[str, Any]] = {}
        self.home: dict[str, str | None] = {}  # partner → region pool it is drawn from
        self.agreements: list[dict[str, Any]] = []
        self.parties: list[dict[str, Any]] = []
        self.activities: list[dict[str, Any]] = []
        self.participants: list[dict[str, Any]] = []
        self.platform_use: list[dict[str, Any]] = []

    # partners ----------------------------------------------------------------------------

    def add_partner(self, pid: str, name: str, kind: str, country: str | None, sector: str,
                    *, aliases: str = "", website: str = "", description: str = "",
                    source: str = ILLUSTRATIVE, home: str | None = None,
                    headquarters: str | None = None, confidence: int | None = None) -> str:
        if pid in self.partners:
            return pid
        self.partners[pid] = {
            "id": pid, "name": name, "kind": kind, "country": country, "sector": sector or None,
            "aliases": aliases.split(";") if aliases else None, "website": website or None,
            "description": description or None, "source": source, "headquarters": headquarters,
            "confidence": confidence,
        }
        self.home[pid] = home
        return pid

    def government(self, cc: str, source: str = "state (ISO 3166-1)") -> str:
        return self.add_partner(f"GOV-{cc}", f"Government of {self.names[cc]}", "government", cc,
                                "government", source=source, home=REGION_OF.get(cc))

    def build_partners(self) -> None:
        for pid, name, kind, cc, sector, aliases, web, home in REAL_PARTNERS:
            # An international organisation has a seat, not a country; a regional one keeps
            # its seat as its country too, so that its desk counts it.
            seat = cc if kind == "international_org" else None
            self.add_partner(pid, name, kind, None if seat and home is None else cc, sector,
                             aliases=aliases, website=web, source=_ORG_SOURCE, home=home,
                             headquarters=seat)
        for cc, _, _ in ETS185_PARTIES:
            self.government(cc)
        has = defaultdict(set)
        for p in self.partners.values():
            if p["country"]:
                has[p["country"]].add(p["kind"])
        r = self.rng
        note = "Illustrative record made up for the demo; it describes no real organisation."
        firms = iter(r.sample([f"{a} {b}" for a in _FIRM_A for b in _FIRM_B], 300))
        for region, ccs in DEMO_COUNTRIES.items():
            thin = region == "MENA"
            for cc in ccs:
                cname = self.names[cc]
                if "law_enforcement" not in has[cc]:
                    self.add_partner(f"ILL-{cc}-LE", f"{cname} national cybercrime unit (illustrative)",
                                     "law_enforcement", cc, "policing", description=note, home=region)
                if "cert" not in has[cc] and r.random() < (0.4 if thin else 0.7):
                    self.add_partner(f"ILL-{cc}-CERT", f"{cname} national CSIRT (illustrative)", "cert",
                                     cc, "incident response", description=note, home=region)
                for i in range(r.choice([0, 1] if thin else [0, 1, 1, 1, 2])):
                    name = next(firms)
                    sector = name.split(" ", 1)[1].lower()
                    self.add_partner(f"ILL-{cc}-FIRM{i + 1}", name, "private_sector", cc,
                                     "finance" if sector in ("bank", "payments") else sector,
                                     description=note, home=region, confidence=50)
                # No academia in Africa and MENA: a sector gap for the coverage view.
                if region not in ("AFR", "MENA") and r.random() < 0.6:
                    self.add_partner(f"ILL-{cc}-UNI", f"{cname} university cyber lab (illustrative)",
                                     "academia", cc, "research", description=note, home=region)
                if r.random() < (0.1 if thin else 0.25):
                    self.add_partner(f"ILL-{cc}-NGO", f"{cname} digital safety foundation (illustrative)",
                                     "ngo", cc, "civil society", description=note, home=region)
                if not thin and r.random() < 0.2:
                    self.add_partner(f"ILL-{cc}-REG", f"{cname} financial intelligence unit (illustrative)",
                                     "government", cc, "financial intelligence", description=note, home=region)

    def pools(self) -> tuple[dict[str, list[str]], list[str]]:
        regional: dict[str, list[str]] = defaultdict(list)
        global_: list[str] = []
        for pid, p in self.partners.items():
            if p["kind"] == "government" and pid.startswith("GOV-"):
                continue  # states sign treaties; their agencies do the joint work
            home = self.home[pid]
            (regional[home] if home else global_).append(pid)
        return regional, global_

    def pick(self, pool: list[str], exclude: set[str]) -> str | None:
        choices = [p for p in pool if p not in exclude]
        if not choices:
            return None
        return self.rng.choices(choices, [HUB_WEIGHTS.get(p, 1) for p in choices])[0]

    # agreements --------------------------------------------------------------------------

    def build_real_agreements(self) -> None:
        for aid, title, kind, status, signed, eff, binding, scope, objs, depositary, src in REAL_AGREEMENTS:
            self.agreements.append({
                "id": aid, "title": title, "kind": kind, "status": status, "signed_on": signed,
                "effective_from": eff or None, "binding": binding, "scope": scope.split(";"),
                "tlp": "clear", "objectives": objs.split(";"), "source": src})
            self.parties.append({"agreement_id": aid, "partner_id": depositary, "role": "depositary"})
        for cc, signed, ratified in ETS185_PARTIES:
            # The chart's words: signed and ratified, or acceded without signing.
            self.parties.append({"agreement_id": "ETS-185", "partner_id": f"GOV-{cc}",
                                 "role": "party" if ratified else "signatory",
                                 "consent": ("ratification" if signed else "accession")
                                 if ratified else None,
                                 "signed_on": signed or None, "ratified_on": ratified or None})
        for cc in CETS224_SIGNATORIES:
            self.parties.append({"agreement_id": "CETS-224", "partner_id": f"GOV-{cc}",
                                 "role": "signatory", "signed_on": "2022-05-12"})

    def _dates(self, kind: str, status: str, index: int) -> tuple[str | None, str | None, str | None]:
        """signed_on, effective_from, expires_on for an illustrative agreement.

        Active agreements are laid out around REFERENCE on purpose: every fifth expires
        within 90 days of it, the next within a year, the rest later or never.
        """
        r, ref = self.rng, self.ref
        if status == "draft":
            return None, None, None
        if status == "expired":
            expires = ref - dt.timedelta(days=r.randint(10, 1500))
            signed = expires - dt.timedelta(days=r.randint(365, 1825))
        else:
            signed = ref - dt.timedelta(days=r.randint(120, 3000))
            bucket = index % 5
            if status == "active" and bucket == 0:
                expires = ref + dt.timedelta(days=r.randint(3, 88))
            elif bucket == 1:
                expires = ref + dt.timedelta(days=r.randint(95, 365))
            elif kind == "mou" or bucket == 2:
                expires = None  # open-ended
            else:
                expires = ref + dt.timedelta(days=r.randint(366, 2200))
        effective = signed + dt.timedelta(days=r.randint(0, 60))
        return _iso(signed), _iso(effective), _iso(expires) if expires else None

    def build_illustrative_agreements(self) -> None:
        r = self.rng
        regional, global_ = self.pools()
        plan = ([("convention", 2), ("protocol", 3), ("mou", 35), ("cooperation_agreement", 30),
                 ("data_sharing", 40), ("nda", 15), ("service_agreement", 19)])
        regions = list(ACTIVITY_REGION_WEIGHTS)
        n = 0
        for kind, count in plan:
            for _ in range(count):
                n += 1
                aid = f"ILL-AGR-{n:03d}"
                region = r.choices(regions, list(ACTIVITY_REGION_WEIGHTS.values()))[0]
                if kind in ("convention", "protocol"):
                    self._illustrative_treaty(aid, kind, region, n)
                    continue
                status = r.choices(["active", "expired", "draft", "suspended", "terminated"],
                                   [60, 16, 10, 7, 7])[0]
                signed, eff, expires = self._dates(kind, status, n)
                size = 2 if kind in ("data_sharing", "nda", "service_agreement") else r.choice([2, 2, 3, 4])
                members: list[str] = []
                while len(members) < size:
                    pool = global_ if (r.random() < 0.25 or kind == "service_agreement" and not members) else regional[region]
                    pid = self.pick(pool, set(members))
                    if pid:
                        members.append(pid)
                scope = {"data_sharing": ["information_sharing"], "nda": ["information_sharing"],
                         "service_agreement": ["technical_assistance"]}.get(
                    kind, r.sample([s.value for s in Scope], r.randint(1, 3)))
                if kind == "data_sharing" and r.random() < 0.4:
                    scope.append("joint_operations")
                objs = sorted({{"information_sharing": "OBJ-1", "joint_operations": "OBJ-2",
                                "capacity_building": "OBJ-3.1", "technical_assistance": "OBJ-3.1",
                                "research": "OBJ-1"}[s] for s in scope} | {"OBJ-3.3"})
                label = {"mou": "memorandum of understanding", "cooperation_agreement": "cooperation agreement",
                         "data_sharing": "data-sharing agreement", "nda": "non-disclosure agreement",
                         "service_agreement": "service agreement"}[kind]
                names = " – ".join(self.partners[m]["name"].replace(" (illustrative)", "") for m in members[:2])
                tlp = r.choices(["clear", "green", "amber", "amber+strict", "red"],
                                [15, 35, 30, 12, 8] if kind in ("data_sharing", "nda") else [40, 40, 13, 5, 2])[0]
                self.agreements.append({
                    "id": aid, "title": f"{names} {label}" + (" and others" if len(members) > 2 else ""),
                    "kind": kind, "status": status, "signed_on": signed, "effective_from": eff,
                    "expires_on": expires, "binding": kind in ("data_sharing", "nda", "service_agreement")
                    or (kind == "cooperation_agreement" and r.random() < 0.5),
                    "scope": scope, "tlp": tlp, "objectives": objs, "source": ILLUSTRATIVE})
                for m in members:
                    self.parties.append({"agreement_id": aid, "partner_id": m, "role": "party",
                                         "signed_on": signed})

    def _illustrative_treaty(self, aid: str, kind: str, region: str, n: int) -> None:
        r = self.rng
        if region == "MENA":
            region = "AFR"
        states = [c for c in DEMO_COUNTRIES[region]]
        opened = self.ref - dt.timedelta(days=r.randint(900, 3600))
        status = "active" if n % 2 else "signed"  # signed: not yet in force
        self.agreements.append({
            "id": aid, "kind": kind, "status": status, "signed_on": _iso(opened),
            "effective_from": _iso(opened + dt.timedelta(days=r.randint(200, 700))) if status == "active" else None,
            "title": f"Regional {kind} on cybercrime cooperation No. {n}, {_DESKS[region]} desk "
                     "(illustrative)",
            "binding": True, "scope": ["information_sharing", "joint_operations"], "tlp": "clear",
            "objectives": ["OBJ-4", "OBJ-3.3"], "source": ILLUSTRATIVE})
        members = r.sample(states, int(len(states) * 0.8))
        in_force = self.agreements[-1]["effective_from"]
        # A made-up instrument gets a made-up depositary: one of its own states, not a real body.
        self.parties.append({"agreement_id": aid, "partner_id": self.government(members[0]),
                             "role": "depositary"})
        for k, cc in enumerate(members[1:]):
            signed = opened + dt.timedelta(days=r.randint(0, 400))
            ratified = signed + dt.timedelta(days=r.randint(90, 1500)) if r.random() < 0.6 else None
            if ratified and ratified > self.ref:
                ratified = None  # nothing is ratified in the future
            accession = ratified is not None and k % 4 == 3  # consent without a signature
            self.parties.append({
                "agreement_id": aid, "partner_id": self.government(cc),
                "role": "party" if ratified else "signatory",
                "consent": ("accession" if accession else "ratification") if ratified else None,
                "signed_on": None if accession else _iso(signed),
                "ratified_on": _iso(ratified) if ratified else None,
                "in_force_on": _iso(max(_in_force(ratified), dt.date.fromisoformat(in_force)))
                if ratified and in_force else None})
        # States of the region that are not members yet are invited to accede.
        for cc in [c for c in states if c not in members][:2]:
            self.parties.append({"agreement_id": aid, "partner_id": self.government(cc),
                                 "role": "invited"})

    # activities --------------------------------------------------------------------------

    def build_real_activities(self) -> None:
        for aid, name, kind, start, end, focus, outcomes, members, src in REAL_ACTIVITIES:
            status = "ongoing" if not end else "completed"
            self.activities.append({"id": aid, "name": name, "kind": kind, "status": status,
                                    "start": start, "end": end or "open", "focus": focus.split(";"),
                                    "tlp": "clear", "source": src,
                                    "objectives": ["OBJ-2"] if kind == "operation" else ["OBJ-2", "OBJ-3.2"],
                                    # The demo names a few of the agencies each took part with.
                                    "participants_complete": False if kind == "operation" else None,
                                    **outcomes})
            for pid, role in members:
                self.participants.append({"activity_id": aid, "partner_id": pid, "role": role})

    def build_illustrative_activities(self, count: int) -> None:
        r, ref = self.rng, self.ref
        regional, global_ = self.pools()
        kinds = {"operation": 30, "training": 20, "capacity_building": 14, "workshop": 10,
                 "information_exchange": 16, "research": 5, "awareness_campaign": 5}
        durations = {"operation": (20, 240), "training": (2, 10), "capacity_building": (90, 720),
                     "workshop": (1, 3), "information_exchange": (30, 365), "research": (180, 720),
                     "awareness_campaign": (30, 120)}
        objectives = {"operation": ["OBJ-2"], "training": ["OBJ-3.1"], "capacity_building": ["OBJ-3.1", "OBJ-3"],
                      "workshop": ["OBJ-3.3", "OBJ-4"], "information_exchange": ["OBJ-1", "OBJ-3.2"],
                      "research": ["OBJ-1"], "awareness_campaign": ["OBJ-2"]}
        codenames = iter(r.sample([f"{a} {b}" for a in _CODE_A for b in _CODE_B], count))
        regions = list(ACTIVITY_REGION_WEIGHTS)
        focus_all = [f.value for f in Focus]
        for n in range(1, count + 1):
            kind = r.choices(list(kinds), list(kinds.values()))[0]
            region = r.choices(regions, list(ACTIVITY_REGION_WEIGHTS.values()))[0]
            lo, hi = durations[kind]
            start = ref + dt.timedelta(days=r.randint(-2400, 240))
            end = start + dt.timedelta(days=r.randint(lo, hi))
            status = "completed" if end < ref else "planned" if start > ref else "ongoing"
            if status != "ongoing" and r.random() < 0.04:
                status = "cancelled"
            focus = r.sample(_KIND_FOCUS.get(kind, focus_all), r.choice([1, 1, 2, 3]))
            topic = r.choice(_TOPICS)
            desk = _DESKS[region]
            name = {"operation": f"Operation {next(codenames)}",
                    "training": f"Training on {topic}, {desk} desk {start.year}",
                    "capacity_building": f"Capacity building in {topic}, {desk} desk {start.year}",
                    "workshop": f"Workshop on {topic}, {desk} desk {start.year}",
                    "information_exchange": f"Information exchange on {focus[0].replace('_', ' ')}, {desk} desk {start.year}",
                    "research": f"Research project on {topic} ({start.year})",
                    "awareness_campaign": f"Awareness campaign on {focus[0].replace('_', ' ')}, {desk} desk {start.year}",
                    }[kind]
            row: dict[str, Any] = {
                "id": f"ILL-ACT-{n:03d}", "name": name + " (illustrative)", "kind": kind, "status": status,
                "start": _iso(start), "end": _iso(end) if status != "planned" or r.random() < 0.5 else None,
                "focus": focus, "objectives": objectives[kind], "source": ILLUSTRATIVE,
                "tlp": r.choices(["clear", "green", "amber", "amber+strict", "red"],
                                 [10, 40, 35, 10, 5] if kind == "operation" else [45, 45, 8, 2, 0])[0]}
            if status == "completed":
                row.update(self._outcomes(kind, n))
            self.activities.append(row)
            size = {"operation": r.randint(3, 10), "training": r.randint(2, 7)}.get(kind, r.randint(2, 6))
            members: list[str] = []
            for i in range(size):
                pool = global_ if (i > 0 and r.random() < 0.25) else regional[region]
                pid = self.pick(pool, set(members))
                if pid:
                    members.append(pid)
            for i, pid in enumerate(members):
                pkind = self.partners[pid]["kind"]
                if i == 0:
                    role = "lead"
                elif pkind == "international_org":
                    role = "coordinator"
                elif pkind == "private_sector":
                    role = "private_partner"
                else:
                    role = r.choices(["participant", "sponsor", "observer"], [85, 7, 8])[0]
                # Every third sponsor funded the activity and also took part in it.
                roles = ["participant", "sponsor"] if role == "sponsor" and n % 3 == 0 else role
                self.participants.append({"activity_id": row["id"], "partner_id": pid, "role": roles})
            self._what_is_known(row, n, len(members))
        self._programmes()

    def _what_is_known(self, row: dict[str, Any], n: int, named: int) -> None:
        """How much an illustrative activity's record knows, by its number (no draw from the
        seeded generator, so the rest of the demo stays as it is): some operations name only
        a few of the participants their release reports, some were only announced, some
        cite a (made-up) source with a confidence."""
        kind, done = row["kind"], row["status"] == "completed"
        if kind == "operation" and n % 4 == 0:
            row["participants_complete"] = False
            row["participants_reported"] = named * 4 + n % 17
            row["notes"] = (f"Illustrative: the release names {named} of the "
                            f"{row['participants_reported']} participating agencies.")
        elif kind in ("training", "workshop"):
            row["participants_complete"] = True
        if kind == "operation" and done and n % 5 == 1 and row["end"]:
            row["announced_on"] = _iso(dt.date.fromisoformat(row["end"]) + dt.timedelta(days=12))
        if n % 6 == 0:
            published = row.get("announced_on") or row["end"] or row["start"]
            row["sources"] = [f"Illustrative release https://example.org/illustrative/"
                              f"{row['id'].lower()} (published {published})"]
            row["confidence"] = 60

    def _programmes(self) -> None:
        """Two programmes whose dates are what real records often give: none at all, and a
        start with no end yet (open-ended), known from its announcement."""
        undated = {"id": "ILL-ACT-UNDATED", "name": "Regional cyber resilience programme "
                   "(illustrative)", "kind": "capacity_building", "status": "ongoing",
                   "focus": ["online_fraud"], "objectives": ["OBJ-3.1"], "tlp": "green",
                   "source": ILLUSTRATIVE, "notes": "Illustrative: no dates published."}
        open_ended = {"id": "ILL-ACT-OPEN", "name": "CSIRT mentoring network (illustrative)",
                      "kind": "capacity_building", "status": "ongoing",
                      "start": str(self.ref.year - 5), "end": "open",
                      "announced_on": f"{self.ref.year - 5}-03", "focus": ["malware"],
                      "objectives": ["OBJ-3.1", "OBJ-3.2"], "tlp": "clear",
                      "source": ILLUSTRATIVE, "participants_complete": True}
        self.activities += [undated, open_ended]
        for aid, members in (("ILL-ACT-UNDATED", [("GFCE", "coordinator"), ("KE-DCI", "participant"),
                                                  ("NG-EFCC", "participant")]),
                             ("ILL-ACT-OPEN", [("FIRST", "coordinator"), ("NGCERT", "participant"),
                                               ("KE-CIRT", "participant"),
                                               ("GCA", ["participant", "sponsor"])])):
            for pid, role in members:
                self.participants.append({"activity_id": aid, "partner_id": pid, "role": role})

    def _outcomes(self, kind: str, n: int) -> dict[str, int | str]:
        """Made-up figures; by its number, an operation's are approximate, disputed (a range),
        a bound or in euros, as real releases give them."""
        r = self.rng
        if kind == "operation":
            arrests, takedowns = int(r.lognormvariate(2.5, 1.2)), int(r.lognormvariate(3, 1.5))
            out: dict[str, int | str] = {"arrests": f"~{arrests}" if n % 5 == 0 else arrests,
                                         "takedowns": takedowns}
            if r.random() < 0.5:
                servers = int(r.lognormvariate(2, 1))
                out["servers_seized"] = f"{servers}-{servers + 2}" if n % 7 == 0 else servers
            if r.random() < 0.4:
                money = int(r.lognormvariate(13, 1.5)) // 1000 * 1000
                out.update({"frozen": f"EUR {money}"} if n % 3 == 0 else {"seized": f"USD {money}"})
            if r.random() < 0.3:
                victims = int(r.lognormvariate(6, 1.5))
                out["victims_notified"] = {1: f">{victims}", 3: f"<{victims}"}.get(n % 4, victims)
            if n % 11 == 0:
                out["outcomes"] = f"ips_sinkholed=~{takedowns * 10}"  # a steward's own figure
            return out
        if kind in ("training", "capacity_building", "workshop"):
            return {"people_trained": r.randint(8, 120)}
        if kind == "information_exchange":
            return {"reports_shared": r.randint(5, 400)}
        return {}

    # platforms ---------------------------------------------------------------------------

    def build_platform_use(self) -> None:
        r, ref = self.rng, self.ref
        eu = set(DEMO_COUNTRIES["EUR"])

        def since(lo: int, hi: int) -> str:
            return f"{r.randint(lo, min(hi, ref.year))}"

        for pid, p in self.partners.items():
            kind, cc, home = p["kind"], p["country"], self.home[pid]
            if pid.startswith("GOV-"):
                continue
            uses: list[tuple[str, str]] = []
            if kind == "law_enforcement" or pid == "INTERPOL":
                uses.append(("I-24-7", since(2003, 2020)))
                if (cc in eu and kind == "law_enforcement") or pid == "EUROPOL":
                    uses.append(("SIENA", since(2009, 2022)))
                if r.random() < 0.5:
                    uses.append(("BUDAPEST-24-7", since(2005, 2024)))
            if kind in ("cert", "private_sector", "ngo") and r.random() < (0.8 if kind == "cert" else 0.3):
                uses.append(("MISP", since(2014, 2025)))
            if kind == "cert" and r.random() < 0.7:
                uses.append(("SHADOWSERVER-REPORTS", since(2012, 2025)))
            # Portal adoption is deliberately uneven across regions (an adoption gap to show).
            adopt = {"AFR": 0.45, "AMS": 0.3, "ASP": 0.35, "EUR": 0.25, "MENA": 0.05}.get(home or "", 0.3)
            if r.random() < adopt:
                uses.append(("DESK-PORTAL", since(2021, 2026)))
            if kind in ("law_enforcement", "international_org") and r.random() < 0.2:
                uses.append(("CASE-HUB", since(2024, 2026)))
            for platform, year in uses:
                self.platform_use.append({"partner_id": pid, "platform_id": platform, "since": year})
        for pid in ("EUROPOL", "NL-POLICE", "KASPERSKY"):  # the 2016 founders
            self.platform_use.append({"partner_id": pid, "platform_id": "NO-MORE-RANSOM", "since": "2016-07"})

    # output ------------------------------------------------------------------------------

    def write(self, out_dir: Path) -> dict[str, int]:
        with CsvSink(out_dir) as sink:
            sink.write_all("partners", self.partners.values())
            sink.write_all("objectives", ({"id": i, "title": t, "description": d} for i, t, d in OBJECTIVES))
            sink.write_all("platforms", ({"id": i, "name": n, "description": d} for i, n, d in PLATFORMS))
            sink.write_all("agreements", self.agreements)
            sink.write_all("agreement_parties", self.parties)
            sink.write_all("activities", self.activities)
            sink.write_all("activity_participants", self.participants)
            sink.write_all("platform_use", self.platform_use)
            return dict(sink.counts)


def build(out_dir: Path = DEMO_DIR, reference: dt.date = REFERENCE, seed: int = SEED,
          activities: int = 285) -> dict[str, int]:
    """Write the demo CSVs to `out_dir`; returns the number of rows per file."""
    demo = _Demo(reference, seed)
    demo.build_partners()
    demo.build_real_agreements()
    demo.build_illustrative_agreements()
    demo.build_real_activities()
    demo.build_illustrative_activities(activities)
    demo.build_platform_use()
    return demo.write(out_dir)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEMO_DIR)
    parser.add_argument("--reference", type=dt.date.fromisoformat, default=REFERENCE,
                        help="date the expiries and activity statuses are laid out around")
    args = parser.parse_args()
    counts = build(args.out, args.reference)
    for kind, n in counts.items():
        print(f"{kind:24} {n:6d}")


if __name__ == "__main__":
    main()
