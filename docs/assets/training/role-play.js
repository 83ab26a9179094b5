// The guided page's role-play (component "role-play"): the trainee types the code their facilitator
// reads out, the drill's story appears above the steps, and each step the drill asks about is graded
// by the worker ({op: "grade"} with the page's query) once the trainee's own answers on the page settle it; the end is
// the debrief. The page never holds a key: the worker compares the trainee's walk with the drill's.
import { el } from "../checkers/dom.js";
import { siteHref } from "../checkers/result.js";
import { ask } from "../checkers/transport.js";
import { normaliseCode } from "./code.js";
import { stepHeading } from "./drills/question-form.js";
import { newRound, openRecord } from "./record.js";

const HASH = /^#role-play=([A-Za-z0-9]+)$/;

function paragraphs(text) {
  return text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean).map((p) => el("p", {}, p.replace(/\s*\n\s*/g, " ")));
}

function gradeNodes(question, graded) {
  const key = question.choices[graded.key_choice];
  const nodes = [el("p", { class: `drills__verdict ${graded.correct ? "is-right" : "is-wrong"}` },
    el("strong", {}, graded.correct ? "Right." : "Not quite."), ` Your path: ${graded.given_text}.`)];
  if (!graded.correct) nodes.push(el("p", {}, "The handbook's answer: ", el("strong", {}, key.label)));
  nodes.push(el("p", {}, el("em", {}, "Why: "), graded.because));
  if (graded.sources.length) {
    const cite = el("p", { class: "drills__cite" }, "Handbook: ");
    graded.sources.forEach((source, index) => {
      if (index) cite.append(", ");
      cite.append(el("a", { href: siteHref(source.href) }, source.title));
    });
    nodes.push(cite);
  }
  return nodes;
}

export function mount(root) {
  const { drills } = JSON.parse(root.dataset.payload);
  const form = root.querySelector(".role-play__open");
  const input = form.querySelector("input");
  const status = form.querySelector(".role-play__status");
  const stage = root.querySelector(".role-play__stage");
  form.querySelector("button").disabled = false;
  let stop = () => {};

  function start(drill) {
    stop();
    history.replaceState(history.state, "", location.pathname + location.search + `#role-play=${drill.code}`);
    // The story goes above the steps the trainee answers: moved there by the trainee's own action.
    document.querySelector(".md-content__inner > h1")?.after(root);
    const titleId = `role-play-${drill.id}-title`;
    const heading = el("h2", { id: titleId, tabindex: "-1" }, `Role-play: ${drill.title}`);
    const announcer = el("p", { class: "visually-hidden", "aria-live": "polite" });
    const items = drill.questions.map((question, index) => {
      const feedback = el("div", { class: "role-play__feedback" }, el("p", { class: "role-play__pending" }, "Not settled yet: answer the page until this step is decided."));
      const item = el("li", { class: "role-play__step", "data-step": question.field },
        el("p", {}, el("strong", {}, stepHeading(index, question.step_title)), " ", question.prompt), feedback);
      return { question, item, feedback, graded: null };
    });
    const summary = el("div", { class: "role-play__summary", hidden: true });
    const leave = el("button", { type: "button", class: "md-button role-play__leave" }, "Leave the role-play");
    const article = el("article", { class: "drills__scenario role-play__drill", "aria-labelledby": titleId, "data-scenario": drill.id },
      heading,
      el("p", { class: "drills__meta" }, `Code ${drill.code} · ${drill.difficulty} · ${drill.story.region} · ${drill.story.when}`),
      el("h3", {}, "The page"),
      el("blockquote", { class: "drills__ticket" }, ...paragraphs(drill.story.ticket)),
      drill.story.context ? el("h3", {}, "What you know") : null,
      ...(drill.story.context ? paragraphs(drill.story.context) : []),
      location.search ? el("p", { class: "role-play__warning" }, "This page still holds earlier answers: press Start again at the top before you begin.") : null,
      el("h3", {}, "The steps you will be graded on"),
      el("ol", { class: "role-play__steps" }, ...items.map((i) => i.item)),
      announcer, summary, leave);
    stage.replaceChildren(article);
    form.hidden = true;
    // At once, not smoothly: a scroll still running would carry the trainee's next click elsewhere.
    heading.focus({ preventScroll: true });
    root.scrollIntoView({ block: "start", behavior: "instant" });

    let recorded = false;
    let asking = false;
    let again = false;
    const grade = async () => {
      if (asking) {
        again = true;
        return;
      }
      asking = true;
      const reply = await ask({
        op: "grade", flow: drill.flow.name, answers: drill.flow.answers, query: location.search,
        steps: drill.questions.map((q) => ({ field: q.field, choices: q.choices })),
      });
      asking = false;
      if (!article.isConnected) return;
      if (!reply.ok) {
        status.textContent = `Could not grade: ${reply.error.message}`;
        return;
      }
      const fresh = [];
      reply.result.steps.forEach((step, index) => {
        const entry = items[index];
        if (entry.graded || !step.answered) return; // a step is graded once, when it first settles
        entry.graded = { ...step, at: new Date().toISOString() };
        entry.item.classList.add(step.correct ? "is-right" : "is-wrong");
        entry.feedback.replaceChildren(...gradeNodes(entry.question, step));
        fresh.push(`${entry.question.step_title}: ${step.correct ? "right" : "not quite"}`);
      });
      if (fresh.length) announcer.textContent = `Graded: ${fresh.join("; ")}.`;
      if (items.every((i) => i.graded) && !recorded) {
        recorded = true;
        const right = items.filter((i) => i.graded.correct).length;
        summary.replaceChildren(
          el("p", {}, el("strong", {}, `Role-play done: ${right} of ${items.length} steps right.`)),
          el("h3", {}, "Debrief"),
          el("ol", {}, ...drill.debrief.map((q) => el("li", {}, q))),
        );
        summary.hidden = false;
        const training = openRecord();
        training.record.rounds.push(newRound(drill, items.map((i) => ({ question: i.question.id, step: i.question.field, correct: i.graded.correct, at: i.graded.at })), new Date()));
        training.save();
      }
      if (again) {
        again = false;
        grade();
      }
    };
    window.addEventListener("hb:url", grade);
    stop = () => window.removeEventListener("hb:url", grade);
    leave.addEventListener("click", () => {
      stop();
      stage.replaceChildren();
      form.hidden = false;
      history.replaceState(history.state, "", location.pathname + location.search + "#role-play");
      input.focus();
    });
  }

  const open = (text) => {
    const code = normaliseCode(text);
    const drill = drills.find((d) => d.code === code);
    if (!drill) {
      status.textContent = code ? `No drill has the code ${code}: check it with your facilitator.` : "Type the code first.";
      input.focus();
      return;
    }
    status.textContent = "";
    start(drill);
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    open(input.value);
  });
  const linked = location.hash.match(HASH);
  if (linked) open(linked[1]);
}
