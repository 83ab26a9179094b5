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

/** A copy of the build's `<template data-hb-template="NAME">` under `root` (site_build/render/widgets.py
 *  `template_html`): markup the build draws for the first paint is written once, in Python, and the
 *  page only fills the copy with text. */
export function fromTemplate(root, name) {
  const template = root.querySelector(`template[data-hb-template="${name}"]`);
  if (!template) throw new Error(`The page has no template "${name}".`);
  return template.content.cloneNode(true);
}

async function copyText(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // The older way selects a hidden box, which takes the focus: it goes back to the button.
    const hadFocus = document.activeElement === button;
    const area = el("textarea", { class: "visually-hidden" });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
    if (hadFocus) button.focus();
  }
  button.textContent = "Copied";
  clearTimeout(copiedTimers.get(button));
  copiedTimers.set(button, setTimeout(() => (button.textContent = copyLabels.get(button)), 1500));
}

// What each Copy button copies now: a text that changes keeps its button, and the focus on it.
const textToCopy = new WeakMap();
// Its own label ("Copy", "Copy link"), read once: a second click while it says "Copied" restores it.
const copyLabels = new WeakMap();
const copiedTimers = new WeakMap();

/** A "Copy" button for `text`; `what` names it for screen readers ("Copy the bulk response"). */
export function copyButton(text, what) {
  const button = el("button", { type: "button", class: "md-button checker__copy" }, "Copy");
  setCopyText(button, text, what);
  return button;
}

/** Give a Copy button a new text (and name): a keyboard reader on it stays on it. A button the build
 *  drew (disabled until the page's script runs) is taken over the first time. */
export function setCopyText(button, text, what) {
  if (!textToCopy.has(button)) {
    copyLabels.set(button, button.textContent);
    button.addEventListener("click", () => copyText(textToCopy.get(button), button));
    button.disabled = false;
  }
  textToCopy.set(button, text);
  button.setAttribute("aria-label", `Copy ${what}`);
}

/** A value with its Copy button beside it. */
export function copyRow(content, text, what) {
  return el("div", { class: "checker__copyrow" }, content, copyButton(text, what));
}
