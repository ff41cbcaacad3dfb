// An activity's page: when (partial, open-ended or only announced), how much of its
// participant list is named ("6 named of 76 reported"), its figures as the sources gave
// them (≈, ≥, ≤, ranges, currencies), its participants with every role, sources and
// confidence.
import { gqlLookup } from "../gql.js";
import {
  el, figureName, figureText, fill, participantsText, partnerLink, provenance, setStatus, table,
  whenText,
} from "../dom.js";
import { label } from "../vocab.js";

const QUERY = `query Activity($id: ID!) {
  activity(id: $id) {
    id name kind status start end openEnded announcedOn focus tlp
    participantsComplete participantsReported participantsNamed participantList
    outcomes { name value qualifier low high unit }
    source sources { url title publishedOn } notes confidence
    participants { role roles confidence notes partner { id name } }
  }
}`;

const QUALIFIER = { EXACT: "exact", APPROXIMATELY: "approximately", AT_LEAST: "at least",
  AT_MOST: "at most", RANGE: "a range (sources disagree)" };

function outcomesTable(a) {
  if (!a.outcomes.length) return el("p", { id: "activity-outcomes" }, "No figures reported.");
  return table(`Figures reported for ${a.name}`, ["Figure", "Reported", "As", "Currency"],
    a.outcomes.map((f) => [figureName(f.name), figureText(f), QUALIFIER[f.qualifier],
      f.unit ?? "—"]), { id: "activity-outcomes" });
}

function participantsTable(a) {
  return table(`Participants named for ${a.name} (${a.participants.length})`,
    ["Partner", "Roles", "Confidence", "Notes"],
    a.participants.map((p) => [partnerLink(p.partner.id, p.partner.name),
      label(p.roles.join(" and ")), p.confidence ?? "—", p.notes ?? ""]),
    { id: "activity-participants" });
}

export async function showActivity(id) {
  const section = document.getElementById("view-activity");
  fill(section, el("h2", { id: "h-activity" }, "Activity"), el("p", {}, "Loading…"));
  setStatus("Loading the activity…");
  try {
    const { data, missing } = await gqlLookup(QUERY, { id }, "activity");
    const a = data.activity;
    if (!a) {
      fill(section, el("h2", { id: "h-activity" }, "Activity not found"),
        el("p", {}, "This activity does not exist or is not visible to you."),
        missing ? el("p", { class: "hint" }, missing) : null);
      setStatus("");
      return;
    }
    fill(section,
      el("h2", { id: "h-activity" }, a.name),
      el("p", { class: "facts" }, `${label(a.kind)} · ${label(a.status)} · `,
        el("span", { id: "activity-when" }, whenText(a)),
        a.focus.length ? ` · ${a.focus.map(label).join(", ")}` : "", ` · TLP ${a.tlp} · id `,
        el("code", {}, a.id)),
      el("h3", {}, "Figures"), outcomesTable(a),
      el("h3", {}, "Participants"),
      el("p", { id: "activity-list", class: `participants list-${a.participantList.toLowerCase()}` },
        participantsText(a)),
      participantsTable(a),
      provenance(a, "activity-provenance"));
    document.getElementById("h-activity").focus?.();
    setStatus("");
  } catch (e) {
    setStatus(`Could not load the activity: ${e.message}`, true);
  }
}
