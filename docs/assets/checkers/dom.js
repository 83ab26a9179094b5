// Build elements from text and nodes only: data never becomes markup. Importing this mounts nothing.

const SVG = "http://www.w3.org/2000/svg";

function build(node, attrs, children) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue; // an absent attribute
    if (key === "class") node.setAttribute("class", value);
    else if (value === true) node.setAttribute(key, "");
    else node.setAttribute(key, String(value));
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

export function el(tag, attrs = {}, ...children) {
  return build(document.createElement(tag), attrs, children);
}

export function svg(tag, attrs = {}, ...children) {
  return build(document.createElementNS(SVG, tag), attrs, children);
}

async function copyText(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = el("textarea", { class: "visually-hidden" });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  const label = button.textContent;
  button.textContent = "Copied";
  setTimeout(() => (button.textContent = label), 1500);
}

/** A "Copy" button for `text`; `what` names it for screen readers ("Copy the bulk response"). */
export function copyButton(text, what) {
  const button = el("button", { type: "button", class: "md-button checker__copy", "aria-label": `Copy ${what}` }, "Copy");
  button.addEventListener("click", () => copyText(text, button));
  return button;
}

/** A value with its Copy button beside it. */
export function copyRow(content, text, what) {
  return el("div", { class: "checker__copyrow" }, content, copyButton(text, what));
}
