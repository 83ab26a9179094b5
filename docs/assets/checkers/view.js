// The reader's view holds still while the page changes by itself: Python's first answers, a step
// folding away, a result drawn above what the reader reads. The page keeps one anchor (the focused
// control in view, else the first step heading in view) and, right after every change to the
// content, scrolls by exactly what the anchor moved. From a MutationObserver, so in the same task
// as the change: the browser never lays out, let alone paints, the moved page (a ResizeObserver
// runs a frame's layout too late, and the browser scores that as a layout shift). The reader's own
// scrolling, focus moves and in-page links choose a new anchor.

function viewAnchor() {
  const header = document.querySelector(".md-header");
  const top = header ? header.getBoundingClientRect().bottom : 0;
  const active = document.activeElement;
  if (active && active !== document.body) {
    const box = active.getBoundingClientRect();
    if ((box.width || box.height) && box.bottom > top && box.top < window.innerHeight) return active;
  }
  // Headings are never folded or replaced, so they make steady anchors.
  const headings = [...document.querySelectorAll(".md-content h1, .md-content h2[id], .md-content h3[id]")];
  const below = headings.find((heading) => heading.getBoundingClientRect().top >= top - 1);
  if (below && below.getBoundingClientRect().top < window.innerHeight) return below;
  return headings.filter((heading) => heading.getBoundingClientRect().top < top).pop() || null;
}

const holding = new Map(); // owner -> what stops holding for it

/** Whether `node` comes after the whole of `anchor` in document order. */
function after(anchor, node) {
  if (node === anchor || node.contains(anchor)) return false;
  return Boolean(anchor.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING);
}

/** Whether a change can move `anchor`: only one before it, or around it, can. Content after it in
 * document order cannot (the page's flow is top to bottom), and most changes are there: the forms
 * filled below the heading the reader is at. Telling so needs no layout, where measuring the
 * anchor forces one for every change; on the guided page's load that was most of its blocking
 * time at a phone's CPU (tasks of 100-450 ms at 4x, each a change with a layout of the page). */
function canMove(anchor, record) {
  if (record.type !== "childList") return !after(anchor, record.target);
  const before = record.previousSibling; // the nodes went in or out right after it
  if (!before) return !after(anchor, record.target);
  return !(before === anchor || before.contains(anchor) || after(anchor, before));
}

/** Hold the view while `owner` is on the page (once per owner); returns what stops it. */
export function holdTheView(owner) {
  if (holding.has(owner)) return holding.get(owner);
  const content = document.querySelector(".md-content") || document.body;
  let anchor = null;
  let top = 0;
  let ourScroll = false;
  let scrolledTo = 0; // where the view was when the anchor was taken, or where this code put it
  const choose = () => {
    anchor = viewAnchor();
    top = anchor ? anchor.getBoundingClientRect().top : 0;
    scrolledTo = window.scrollY;
  };
  const hold = (records = null) => {
    if (!owner.isConnected) return stop();
    if (!anchor || !anchor.isConnected) return choose();
    if (records && !records.some((record) => canMove(anchor, record))) return;
    // The view moved since the anchor was taken (the reader scrolled, the browser anchored it, a
    // scrollIntoView) and its scroll event has not come yet: that move is the reader's, not undone.
    if (Math.abs(window.scrollY - scrolledTo) >= 1) return choose();
    const moved = anchor.getBoundingClientRect().top - top;
    if (Math.abs(moved) < 1) return;
    ourScroll = true;
    window.scrollBy({ top: moved, behavior: "instant" });
    scrolledTo = window.scrollY;
  };
  const onScroll = () => {
    if (ourScroll) {
      ourScroll = false;
      return;
    }
    choose();
  };
  const changes = new MutationObserver(hold);
  changes.observe(content, { subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ["hidden", "open", "class", "style", "data-status"] });
  // What no mutation says (a font, an image); it runs after a layout, when measuring is free.
  const resizes = new ResizeObserver(() => hold());
  resizes.observe(content);
  window.addEventListener("scroll", onScroll, { passive: true });
  document.addEventListener("focusin", choose);
  function stop() {
    changes.disconnect();
    resizes.disconnect();
    holding.delete(owner);
    window.removeEventListener("scroll", onScroll);
    document.removeEventListener("focusin", choose);
  }
  holding.set(owner, stop);
  choose();
  return stop;
}
