"""A small hand-built partnership network, written to Neo4j through the normal write path."""

from graph.model import (
    Activity,
    ActivityParticipant,
    Agreement,
    AgreementParty,
    Partner,
)
from graph.writer import write_records

PARTNERS = [
    Partner(id="fr-police", name="FR Police", kind="law_enforcement", country="FR"),
    Partner(id="de-bka", name="DE BKA", kind="law_enforcement", country="DE"),
    Partner(id="ng-efcc", name="NG EFCC", kind="law_enforcement", country="NG"),
    Partner(id="acme-sec", name="Acme Security", kind="private_sector", country="US",
            sector="threat_intel"),
    Partner(id="uni-x", name="Uni X", kind="academia", country="DE"),
]
AGREEMENTS = [
    Agreement(id="ds-1", title="FR–DE data sharing", kind="data_sharing", status="active",
              signed_on="2024-01-01", binding=True, tlp="green"),
    Agreement(id="conv-1", title="Convention", kind="convention", status="active",
              binding=True, tlp="clear"),
    Agreement(id="mou-old", title="Old MoU", kind="mou", status="expired", signed_on="2018",
              expires_on="2022", tlp="green"),
    Agreement(id="mou-gone", title="Ended MoU", kind="mou", status="terminated", tlp="green"),
    Agreement(id="secret", title="Red", kind="mou", status="active", tlp="red"),
    Agreement(id="ending", title="Ending soon", kind="nda", status="active",
              expires_on="2025-02-15", tlp="green"),
]
PARTIES = [
    AgreementParty(agreement_id="ds-1", partner_id="fr-police"),
    AgreementParty(agreement_id="ds-1", partner_id="de-bka"),
    AgreementParty(agreement_id="conv-1", partner_id="fr-police", signed_on="2020",
                   ratified_on="2021"),
    AgreementParty(agreement_id="conv-1", partner_id="de-bka", signed_on="2020",
                   ratified_on="2021"),
    AgreementParty(agreement_id="conv-1", partner_id="ng-efcc", signed_on="2020"),
    AgreementParty(agreement_id="mou-old", partner_id="de-bka"),
    AgreementParty(agreement_id="mou-old", partner_id="uni-x"),
    AgreementParty(agreement_id="mou-gone", partner_id="ng-efcc"),
    AgreementParty(agreement_id="mou-gone", partner_id="acme-sec"),
    AgreementParty(agreement_id="secret", partner_id="acme-sec"),
    AgreementParty(agreement_id="secret", partner_id="uni-x"),
    AgreementParty(agreement_id="ending", partner_id="fr-police"),
    AgreementParty(agreement_id="ending", partner_id="acme-sec"),
]
ACTIVITIES = [
    Activity(id="op-1", name="Operation One", kind="operation", status="completed",
             start="2024-03", end="2024-06-30", focus=["bec"], tlp="amber"),
]
PARTICIPANTS = [
    ActivityParticipant(activity_id="op-1", partner_id="ng-efcc", role="lead"),
    ActivityParticipant(activity_id="op-1", partner_id="acme-sec", role="private_partner"),
]


def write_network(store) -> None:
    for records in (PARTNERS, AGREEMENTS, PARTIES, ACTIVITIES, PARTICIPANTS):
        write_records(store, records, import_id="test")
