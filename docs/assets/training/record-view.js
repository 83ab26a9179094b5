// The training page's record (component "training-record"): the figures per handbook section, what to
// practise next, the export (a text for the rotation request, JSON to copy or download) and the import
// of a record from another browser. Everything is read from and kept in this browser (record.js).
import { el } from "../checkers/dom.js";
import { siteHref } from "../checkers/result.js";
import {
  exportRecord, exportText, importRecord, mergeRecords, openRecord, outOfDate, outOfDateMessage, practiseNext,
  RecordError, sectionFigures, totals,
} from "./record.js";

const drillHref = (id) => siteHref(`drills/#drill-${id}`);

async function copy(text, button, done) {
  try {
    await navigator.clipboard.writeText(text);
    done(`${button.textContent.replace(/^Copy /, "Copied ")}: paste it where you need it.`);
  } catch {
    done("This browser would not copy: download the record instead, or select the text below.");
  }
}

function figuresTable(figures) {
  const rows = figures.map((section) => el(
    "tr", {},
    el("th", { scope: "row" }, el("a", { href: siteHref(section.href) }, section.title)),
    el("td", {}, `${section.right} of ${section.total}`),
    el("td", {}, String(section.missed)),
    el("td", {}, String(section.total - section.right - section.missed)),
  ));
  // Material's own wrapper: a table wider than a phone scrolls inside it, not the page.
  return el("div", { class: "md-typeset__scrollwrap", tabindex: "0", role: "region", "aria-label": "Your figures per handbook section" }, el(
    "div", { class: "md-typeset__table training-record__table" },
    el("table", {},
      el("caption", {}, "Drills right on their latest attempt, per handbook section they cite"),
      el("thead", {}, el("tr", {},
        el("th", { scope: "col" }, "Handbook section"), el("th", { scope: "col" }, "Right"),
        el("th", { scope: "col" }, "Missed"), el("th", { scope: "col" }, "Not tried"))),
      el("tbody", {}, ...rows)),
  ));
}

function nextList(figures) {
  const next = practiseNext(figures);
  if (!next.length) return [el("p", {}, "Every drill is right on its latest attempt. Keep the missed ones coming back until they stick.")];
  return [
    el("h3", { id: "practise-next" }, "What to practise next"),
    el("ol", {}, ...next.map(({ section, drill }) => el(
      "li", {}, el("strong", {}, section.title), `: ${section.right} of ${section.total} right. `,
      drill ? el("a", { href: drillHref(drill.id) }, `${drill.status === "missed" ? "Try again" : "Try"}: ${drill.title}`) : null,
    ))),
  ];
}

export function mount(root) {
  const { drills } = JSON.parse(root.dataset.payload);
  const kept = openRecord();
  const status = root.querySelector(".training-record__status");
  const figuresBox = root.querySelector(".training-record__figures");
  const importStatus = root.querySelector(".training-record__import-status");
  const button = (name) => root.querySelector(`[data-record="${name}"]`);
  const preview = el("pre", { class: "training-record__text", tabindex: "0", "aria-label": "The text for the rotation request" });

  const draw = () => {
    const now = new Date();
    const t = totals(kept.record, drills, now);
    const figures = sectionFigures(kept.record, drills);
    const ticks = Object.keys(kept.ticks()).length;
    status.textContent = `Scenario drills: ${t.scenarios.done} of ${t.scenarios.total} done, ${t.scenarios.right} right. `
      + `Whole-page drills: ${t.wholePage.done} of ${t.wholePage.total} walked, ${t.wholePage.right} all right. `
      + `Due for review: ${t.due}. Shadow checklist: ${ticks} ${ticks === 1 ? "step" : "steps"} ticked.`;
    const stale = outOfDateMessage(outOfDate(kept.record, drills));
    preview.textContent = exportText(kept.record, kept.ticks(), drills, now);
    figuresBox.replaceChildren(
      figuresTable(figures), ...nextList(figures),
      stale ? el("p", { class: "training-record__stale" }, stale) : "",
      el("details", {}, el("summary", {}, "The text for the rotation request"), preview),
    );
  };

  const say = (text) => (importStatus.textContent = text);
  const exportStatus = el("p", { class: "training-record__export-status", role: "status" });
  root.querySelector(".training-record__tools").after(exportStatus);
  const exported = () => JSON.stringify(exportRecord(kept.record, kept.ticks(), drills, new Date()), null, 2);

  button("copy-text").addEventListener("click", (event) => copy(exportText(kept.record, kept.ticks(), drills, new Date()), event.currentTarget, (m) => (exportStatus.textContent = m)));
  button("copy-json").addEventListener("click", (event) => copy(exported(), event.currentTarget, (m) => (exportStatus.textContent = m)));
  button("download").addEventListener("click", () => {
    const url = URL.createObjectURL(new Blob([exported()], { type: "application/json" }));
    const link = el("a", { href: url, download: `training-record-${new Date().toISOString().slice(0, 10)}.json`, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    exportStatus.textContent = "Downloaded the record as JSON.";
  });

  const paste = root.querySelector("#training-record-paste");
  const file = root.querySelector("#training-record-file");
  button("import").addEventListener("click", async () => {
    const text = file.files && file.files[0] ? await file.files[0].text() : paste.value;
    if (!text.trim()) {
      say("Paste a record, or choose its file, first.");
      paste.focus();
      return;
    }
    try {
      const found = importRecord(text, drills);
      const before = kept.record.rounds.length;
      kept.record = mergeRecords(kept.record, found.record);
      const ticks = { ...found.ticks, ...kept.ticks() };
      const saved = kept.save() && kept.saveTicks(ticks);
      const added = kept.record.rounds.length - before;
      say([`Imported: ${added} finished ${added === 1 ? "drill" : "drills"} added, ${Object.keys(found.ticks).length} checklist ticks.`,
        outOfDateMessage(found.outOfDate), saved ? "" : "This browser would not keep it: it lasts until you leave the page."]
        .filter(Boolean).join(" "));
      paste.value = "";
      file.value = "";
      draw();
    } catch (error) {
      say(error instanceof RecordError ? `Not imported, nothing changed. ${error.message}` : `Not imported: ${error.message}`);
    }
  });
  for (const name of ["copy-text", "copy-json", "download", "import"]) button(name).disabled = false;
  draw();
}
