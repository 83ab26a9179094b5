// The licence timeline's layout, apart from the drawing (pure; tested under Node): which dates share
// a column, where each column stands on the axis, and which row each label takes so none overlap.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
// When several points share a date, the marker shows the one that matters most to the reader.
export const MARKER_PRIORITY = ["today", "next-business-day", "trial-licence-ends", "grace-end", "expiry"];

/** Days since 1970-01-01 for an ISO date, only to space the points out on the picture. */
export function dayNumber(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86400000;
}

/** "Sat 21 Dec", with the year only when it is not `year`. */
export function shortDate(point, year) {
  const [y, m, d] = point.date.split("-").map(Number);
  return `${point.weekday.slice(0, 3)} ${d} ${MONTHS[m - 1]}${y === year ? "" : ` ${y}`}`;
}

/** Points that share a date become one column on the axis; its marker is the most important kind. */
export function columnsOf(timeline) {
  const columns = [];
  for (const point of timeline) {
    const last = columns[columns.length - 1];
    if (last && last.date === point.date) last.points.push(point);
    else columns.push({ date: point.date, day: dayNumber(point.date), points: [point] });
  }
  for (const column of columns) column.kind = MARKER_PRIORITY.find((kind) => column.points.some((p) => p.kind === kind));
  return columns;
}

/**
 * x positions: every gap gets a minimum width so labels have room, and the rest of the width is
 * shared by the square root of the gap in days, so a three-month-old expiry does not squash the
 * weekend into a few pixels. The picture is therefore not to scale; the list under it is exact.
 */
export function placeColumns(columns, left, right) {
  if (columns.length === 1) {
    columns[0].x = (left + right) / 2;
    return columns;
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
  return columns;
}

/**
 * Labels go in rows above and below the axis: each takes the first row (nearest the axis first,
 * alternating sides: even rows above, odd below) where it does not overlap the label before it.
 * `width(column)` is the label's width in pixels.
 */
export function placeLabels(columns, totalWidth, width) {
  const rowEnds = []; // rowEnds[row] = right edge of the last label in that row
  const margin = 4;
  for (const column of columns) {
    const w = width(column);
    const leftEdge = Math.min(Math.max(column.x - w / 2, margin), totalWidth - margin - w);
    let row = 0;
    while (rowEnds[row] !== undefined && rowEnds[row] + 8 > leftEdge) row += 1;
    rowEnds[row] = leftEdge + w;
    column.labelCenter = leftEdge + w / 2;
    column.row = row;
  }
  return columns;
}
