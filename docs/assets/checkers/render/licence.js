// The licence checker's extras: today's date as the default expiry, a small timeline of the dates
// Python computed (expiry, grace end, today, next business day, trial-licence end) with its text
// equivalent, the L&R hand-over to copy, and a warning when the answer needs a second look.
// Everything shown comes from the result; nothing here decides or counts days for the decision.
import { registerRenderer, copyButton, withLocalOffset, el as html } from "../client.js";

const SVG = "http://www.w3.org/2000/svg";
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
// Short names for the picture; the text equivalent uses the result's own labels.
const SHORT = {
  expiry: "Expiry",
  "grace-end": "Grace ends",
  today: "Today",
  "next-business-day": "Next business day",
  "trial-licence-ends": "Licence ends",
};
// When several points share a date, the marker shows the one that matters most to the reader.
const MARKER_PRIORITY = ["today", "next-business-day", "trial-licence-ends", "grace-end", "expiry"];


function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

/** Days since 1970-01-01 for an ISO date, only to space the points out on the picture. */
function dayNumber(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86400000;
}

function shortDate(point, year) {
  const [y, m, d] = point.date.split("-").map(Number);
  return `${point.weekday.slice(0, 3)} ${d} ${MONTHS[m - 1]}${y === year ? "" : ` ${y}`}`;
}

function fullDate(point) {
  return `${point.weekday} ${point.date}`;
}

// ---- Default: today in the reader's time zone ----------------------------------------------------

function localToday() {
  return withLocalOffset(new Date()).slice(0, 10);
}

function prepare(widget) {
  const input = widget.querySelector('[data-question="expires_on"] input[type="date"]');
  if (!input || input.value) return;
  // As the default value, so "Start again" puts today back rather than an empty field.
  input.defaultValue = localToday();
  input.value = input.defaultValue;
  const hint = html("span", { class: "checker__hint" }, "Starts at today, in your time zone: change it to the real expiry date.");
  input.insertAdjacentElement("afterend", hint);
}

// ---- The picture -------------------------------------------------------------------------------

/** Points that share a date become one column on the axis. */
function columnsOf(timeline) {
  const columns = [];
  for (const point of timeline) {
    const last = columns[columns.length - 1];
    if (last && last.date === point.date) last.points.push(point);
    else columns.push({ date: point.date, day: dayNumber(point.date), points: [point] });
  }
  return columns;
}

/**
 * x positions: every gap gets a minimum width so labels have room, and the rest of the width is
 * shared by the square root of the gap in days, so a three-month-old expiry does not squash the
 * weekend into a few pixels. The picture is therefore not to scale; the list under it is exact.
 */
function placeColumns(columns, left, right) {
  if (columns.length === 1) {
    columns[0].x = (left + right) / 2;
    return;
  }
  const gaps = columns.slice(1).map((column, i) => Math.sqrt(Math.max(1, column.day - columns[i].day)));
  const total = right - left;
  const minGap = Math.min(56, total / gaps.length);
  const spare = total - minGap * gaps.length;
  const weight = gaps.reduce((a, b) => a + b, 0);
  let x = left;
  columns[0].x = x;
  gaps.forEach((gap, i) => {
    x += minGap + (spare * gap) / weight;
    columns[i + 1].x = x;
  });
}

/**
 * Labels go in rows above and below the axis: each takes the first row (nearest the axis first,
 * alternating sides) where it does not overlap the label before it.
 */
function placeLabels(columns, width, measure) {
  const rowEnds = []; // rowEnds[row] = right edge of the last label in that row
  const margin = 4;
  for (const column of columns) {
    const w = Math.max(...column.lines.map((line) => measure(line.text, line.className)));
    const leftEdge = Math.min(Math.max(column.x - w / 2, margin), width - margin - w);
    let row = 0;
    while (rowEnds[row] !== undefined && rowEnds[row] + 8 > leftEdge) row += 1;
    rowEnds[row] = leftEdge + w;
    column.labelCenter = leftEdge + w / 2;
    column.row = row; // even rows above the axis, odd rows below
  }
}

function drawTimeline(figure, result) {
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
    column.kind = MARKER_PRIORITY.find((kind) => column.points.some((p) => p.kind === kind));
  }
  const edge = 14;
  placeColumns(columns, edge, width - edge);
  placeLabels(columns, width, measure);
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
  figure.dataset.drawnWidth = String(figure.clientWidth);
}

// Redraw when the width changes (a phone turned sideways); outside the observer's callback, so
// the new height never feeds back into the same observation.
const resizes = new ResizeObserver((entries) => {
  for (const { target } of entries) {
    if (!target.isConnected || target.dataset.drawnWidth === String(target.clientWidth)) continue;
    requestAnimationFrame(() => target.isConnected && drawTimeline(target, target.licenceResult));
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
  if (result.timeline.some((p) => p.kind === "grace-end")) keys.push(legendItem("licence-timeline__grace", "14-day grace period"));
  if (days) keys.push(legendItem("licence-timeline__licence", `${days}-day trial licence, from today`));
  const figure = html(
    "figure",
    { class: "licence-timeline", "aria-labelledby": captionId },
    keys.length ? html("p", { class: "licence-timeline__legend", "aria-hidden": "true" }, ...keys) : null,
    html("figcaption", { id: captionId }, "The dates that decide this case, in order (the picture above is not to scale):"),
    html("ol", { class: "licence-timeline__list" }, ...listItems),
  );
  figure.licenceResult = result;
  return figure;
}

// ---- Texts and warnings ----------------------------------------------------------------------

function warningBox(title, text) {
  return html("div", { class: "admonition warning licence-warning" }, html("p", { class: "admonition-title" }, title), html("p", {}, text));
}

function warnings(result) {
  const boxes = [];
  for (const action of result.actions) {
    if (!action.startsWith("Check first")) continue;
    const text = action.replace(/^Check first:\s*/, "");
    boxes.push(warningBox("Check first", text.charAt(0).toUpperCase() + text.slice(1)));
  }
  if (result.trial_licence_capped === true) {
    const ends = result.timeline.find((p) => p.kind === "trial-licence-ends");
    const next = result.timeline.find((p) => p.kind === "next-business-day");
    boxes.push(
      warningBox(
        `Even a ${result.trial_licence_days}-day licence falls short`,
        `The longest trial licence the handbook allows ends on ${fullDate(ends)}, not after the next business day, ` +
          `${fullDate(next)}. The handbook is silent on a gap this long: say in the hand-over when the licence ends.`,
      ),
    );
  }
  return boxes;
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

function render(result, container) {
  // The generic field list repeats the dates without weekdays and the hand-over without a copy
  // button; the timeline's list and the hand-over block below say the same, better.
  container.querySelector(".checker__fields")?.remove();
  const outcome = container.querySelector(".checker__outcome");
  const figure = timelineFigure(result);
  outcome.after(...warnings(result), figure);
  if (result.handover) {
    const say = container.querySelector(".checker__say")?.closest(".checker__copyrow");
    const anchor = say || container.querySelector(".checker__sources");
    if (anchor && say) anchor.after(...handoverBlock(result));
    else if (anchor) anchor.before(...handoverBlock(result));
    else container.append(...handoverBlock(result));
  }
  drawTimeline(figure, result);
  if (container.licenceFigure) resizes.unobserve(container.licenceFigure); // replaced by this answer
  container.licenceFigure = figure;
  resizes.observe(figure);
}

registerRenderer("licence", render, { prepare });
