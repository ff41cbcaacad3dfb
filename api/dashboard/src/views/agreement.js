// An agreement's page: status (a signed treaty is marked not in force), dates, and its
// parties with role, consent, signature, date of consent and entry into force, counted by
// standing (parties that consented, signatories only, invited); sources and confidence.
import { gqlLookup } from "../gql.js";
import { el, fill, partnerLink, provenance, setStatus, statusBadge, table } from "../dom.js";
import { label } from "../vocab.js";

const QUERY = `query Agreement($id: ID!) {
  agreement(id: $id) {
    id title kind status signedOn effectiveFrom expiresOn binding scope tlp
    source sources { url title publishedOn } notes confidence
    parties { role consent signedOn ratifiedOn inForceOn confidence notes
              sources { url title publishedOn } partner { id name } }
  }
}`;

const STANDING = [["PARTY", "parties (consent given)"], ["SIGNATORY", "signed only"],
  ["INVITED", "invited"], ["DEPOSITARY", "depositary"], ["OBSERVER", "observers"]];

function standing(parties) {
  const counts = new Map();
  for (const p of parties) counts.set(p.role, (counts.get(p.role) ?? 0) + 1);
  return STANDING.filter(([role]) => counts.has(role))
    .map(([role, what]) => `${counts.get(role)} ${what}`).join(" · ") || "No parties recorded.";
}

function partiesTable(a) {
  const order = new Map(STANDING.map(([role], i) => [role, i]));
  const rows = [...a.parties].sort((x, y) => order.get(x.role) - order.get(y.role)
    || x.partner.name.localeCompare(y.partner.name));
  return table(`Parties to ${a.title} (${rows.length})`,
    ["Partner", "Role", "Consent", "Signed", "Consent given", "In force for it", "Confidence", "Notes"],
    rows.map((p) => [partnerLink(p.partner.id, p.partner.name), label(p.role),
      p.consent ? label(p.consent) : "—", p.signedOn ?? "—", p.ratifiedOn ?? "—",
      p.inForceOn ?? "—", p.confidence ?? "—", p.notes ?? ""]), { id: "agreement-parties" });
}

export async function showAgreement(id) {
  const section = document.getElementById("view-agreement");
  fill(section, el("h2", { id: "h-agreement" }, "Agreement"), el("p", {}, "Loading…"));
  setStatus("Loading the agreement…");
  try {
    const { data, missing } = await gqlLookup(QUERY, { id }, "agreement");
    const a = data.agreement;
    if (!a) {
      fill(section, el("h2", { id: "h-agreement" }, "Agreement not found"),
        el("p", {}, "This agreement does not exist or is not visible to you."),
        missing ? el("p", { class: "hint" }, missing) : null);
      setStatus("");
      return;
    }
    fill(section,
      el("h2", { id: "h-agreement" }, a.title),
      el("p", { class: "facts" }, `${label(a.kind)} · `, statusBadge(a.status),
        a.binding ? " · binding" : "", ` · TLP ${a.tlp} · id `, el("code", {}, a.id)),
      el("p", { id: "agreement-dates" }, [a.signedOn && `Signed ${a.signedOn}`,
        a.effectiveFrom && `in force from ${a.effectiveFrom}`, a.expiresOn && `expires ${a.expiresOn}`]
        .filter(Boolean).join(", ") || "No dates recorded."),
      el("h3", {}, "Parties"),
      el("p", { id: "agreement-standing" }, standing(a.parties)),
      partiesTable(a),
      provenance(a, "agreement-provenance"));
    document.getElementById("h-agreement").focus?.();
    setStatus("");
  } catch (e) {
    setStatus(`Could not load the agreement: ${e.message}`, true);
  }
}
