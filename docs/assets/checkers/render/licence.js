// The licence checker's extras: today's date as the default expiry, a small timeline of the dates
// Python computed (expiry, grace end, today, next business day, trial-licence end) with its text
// equivalent, the L&R hand-over to copy, and the result's `caveats` as warnings. Everything shown
// comes from the result; nothing here decides or counts days for the decision.
import { copyButton, el as html, svg } from "../dom.js";
import { withLocalOffset } from "../format.js";
import { columnsOf, placeColumns, placeLabels, shortDate } from "./licence-layout.js";

// Short names for the picture; the text equivalent uses the result's own labels.
const SHORT = {
  expiry: "Expiry",
  "grace-end": "Grace ends",
  today: "Today",
  "next-business-day": "Next business day",
  "trial-licence-ends": "Licence ends",
};

function fullDate(point) {
  return `${point.weekday} ${point.date}`;
}

// ---- Default: today in the reader's time zone ----------------------------------------------------

export function prepare(widget) {
  const input = widget.querySelector('[data-question="expires_on"] input[type="date"]');
  if (!input || input.value) return;
  // As the default value, so "Start again" puts today back rather than an empty field.
  input.defaultValue = withLocalOffset(new Date()).slice(0, 10);
  input.value = input.defaultValue;
  const hint = html("span", { class: "checker__hint" }, "Starts at today, in your time zone: change it to the real expiry date.");
  input.insertAdjacentElement("afterend", hint);
}

// ---- The picture -------------------------------------------------------------------------------

const drawn = new WeakMap(); // figure -> the result it draws, for redrawing at a new width
const drawnWidths = new WeakMap(); // figure -> the width it was last drawn at

function drawTimeline(figure) {
  const result = drawn.get(figure);
  const year = Number(result.today.slice(0, 4));
  const columns = columnsOf(result.timeline);
  const width = Math.max(260, Math.min(720, Math.floor(figure.clientWidth || 320)));
  const drawing = svg("svg", { class: "licence-timeline__svg", width, "aria-hidden": "true", focusable: "false" });
  figure.querySelector(".licence-timeline__svg")?.remove();
  figure.prepend(drawing); // in the document, so text can be measured

  const probe = svg("text", { x: 0, y: 0 });
  drawing.append(probe);
  const fontSize = parseFloat(getComputedStyle(probe).fontSize) || 12;
  const measure = (text, className) => {
    probe.setAttribute("class", className);
    probe.textContent = text;
    return probe.getComputedTextLength() || text.length * fontSize * 0.6;
  };

  for (const column of columns) {
    column.lines = [
      ...column.points.map((p) => ({ text: SHORT[p.kind] || p.label, className: "licence-timeline__name" })),
      { text: shortDate(column.points[0], year), className: "licence-timeline__date" },
    ];
  }
  const edge = 14;
  placeColumns(columns, edge, width - edge);
  placeLabels(columns, width, (column) => Math.max(...column.lines.map((line) => measure(line.text, line.className))));
  probe.remove();

  const lineHeight = Math.round(fontSize * 1.25);
  const rowHeight = Math.max(...columns.map((c) => c.lines.length)) * lineHeight + 6;
  const rowsAbove = Math.max(0, ...columns.filter((c) => c.row % 2 === 0).map((c) => c.row / 2 + 1));
  const rowsBelow = Math.max(0, ...columns.filter((c) => c.row % 2 === 1).map((c) => (c.row + 1) / 2));
  const band = 10; // room for the grace and licence bands either side of the axis
  const axisY = 4 + rowsAbove * rowHeight + band + 4;
  const height = axisY + band + 4 + rowsBelow * rowHeight + 4;
  drawing.setAttribute("height", height);
  drawing.setAttribute("viewBox", `0 0 ${width} ${height}`);

  const byKind = (kind) => columns.find((c) => c.points.some((p) => p.kind === kind));
  const span = (from, to, className, y) => {
    if (!from || !to) return;
    drawing.append(svg("rect", { class: className, x: from.x, y, width: Math.max(2, to.x - from.x), height: band - 3, rx: 2 }));
  };
  drawing.append(svg("line", { class: "licence-timeline__axis", x1: 2, x2: width - 2, y1: axisY, y2: axisY }));
  // The grace period just above the axis, the trial licence just below: they may overlap in time.
  span(byKind("expiry"), byKind("grace-end"), "licence-timeline__grace", axisY - band + 1);
  span(byKind("today"), byKind("trial-licence-ends"), "licence-timeline__licence", axisY + 2);

  for (const column of columns) {
    const above = column.row % 2 === 0;
    const tier = Math.floor(column.row / 2);
    const blockHeight = column.lines.length * lineHeight;
    const top = above ? axisY - band - 4 - tier * rowHeight - blockHeight : axisY + band + 4 + tier * rowHeight;
    // A leader from the marker to its label, so a label in an outer row still points at its date.
    drawing.append(svg("line", {
      class: "licence-timeline__leader",
      x1: column.x, x2: column.x,
      y1: axisY, y2: above ? top + blockHeight + 2 : top - 2,
    }));
    if (column.kind === "today") {
      drawing.append(svg("line", { class: "licence-timeline__now", x1: column.x, x2: column.x, y1: axisY - band, y2: axisY + band }));
    }
    drawing.append(svg("circle", { class: `licence-timeline__marker licence-timeline__marker--${column.kind}`, cx: column.x, cy: axisY, r: 5 }));
    const label = svg("text", { "text-anchor": "middle" });
    column.lines.forEach((line, i) => {
      const tspan = svg("tspan", { class: line.className, x: column.labelCenter, y: top + (i + 1) * lineHeight - 3 });
      tspan.textContent = line.text;
      label.append(tspan);
    });
    drawing.append(label);
  }
  drawnWidths.set(figure, figure.clientWidth);
}

// Redraw when the width changes (a phone turned sideways); outside the observer's callback, so
// the new height never feeds back into the same observation.
const resizes = new ResizeObserver((entries) => {
  for (const { target } of entries) {
    if (!target.isConnected) resizes.unobserve(target); // replaced by a newer answer
    if (!target.isConnected || drawnWidths.get(target) === target.clientWidth) continue;
    requestAnimationFrame(() => target.isConnected && drawTimeline(target));
  }
});

function legendItem(className, text) {
  return html("span", { class: "licence-timeline__key" }, html("span", { class: `licence-timeline__swatch ${className}` }), text);
}

let figureCount = 0; // ids for captions: every answer draws a new figure

function timelineFigure(result) {
  const captionId = `licence-timeline-caption-${++figureCount}`;
  const listItems = result.timeline.map((point) =>
    html("li", { "data-kind": point.kind }, html("strong", {}, fullDate(point)), `: ${point.label}`),
  );
  const keys = [];
  const days = result.trial_licence_days;
  if (result.timeline.some((p) => p.kind === "grace-end")) keys.push(legendItem("licence-timeline__grace", result.grace_period_label));
  if (days) keys.push(legendItem("licence-timeline__licence", `${days}-day trial licence, from today`));
  const figure = html(
    "figure",
    { class: "licence-timeline", "aria-labelledby": captionId },
    keys.length ? html("p", { class: "licence-timeline__legend", "aria-hidden": "true" }, ...keys) : null,
    html("figcaption", { id: captionId }, "The dates that decide this case, in order (the picture above is not to scale):"),
    html("ol", { class: "licence-timeline__list" }, ...listItems),
  );
  drawn.set(figure, result);
  return figure;
}

// ---- Texts and warnings ----------------------------------------------------------------------

function warningBox(title, text) {
  return html("div", { class: "admonition warning licence-warning" }, html("p", { class: "admonition-title" }, title), html("p", {}, text));
}

function warnings(result) {
  return (result.caveats || []).map((caveat) => warningBox(caveat.title, caveat.text));
}

function handoverBlock(result) {
  const heading = result.handover_channel ? `Alert to post in ${result.handover_channel}` : "Hand-over for the L&R team";
  return [
    html("p", {}, html("strong", {}, heading)),
    html(
      "div",
      { class: "checker__copyrow" },
      html("p", { class: "checker__say licence-handover" }, result.handover),
      copyButton(result.handover, result.handover_channel ? `the alert for ${result.handover_channel}` : "the hand-over for the L&R team"),
    ),
  ];
}

export function render(result) {
  const figure = timelineFigure(result);
  // Drawn once in the page (text is measured there), and again whenever its width changes.
  requestAnimationFrame(() => figure.isConnected && drawTimeline(figure));
  resizes.observe(figure);
  const sections = [
    { id: "fields", node: null }, // the timeline's list and the hand-over say the same, better
    { id: "warnings", node: html("div", {}, ...warnings(result)), after: "outcome" },
    { id: "timeline", node: figure, after: "warnings" },
  ];
  if (result.handover) {
    sections.push(result.say ? { id: "handover", node: html("div", {}, ...handoverBlock(result)), after: "say" }
      : { id: "handover", node: html("div", {}, ...handoverBlock(result)), before: "sources" });
  }
  return { sections };
}
