/* studysite quiz (quiz.html): typed and numeric questions, as a factory
   window.StudysiteQuizKinds(A) that quiz.js calls with its context. widget() answers for a
   question what A.choices does for a choice question (el, get, right, key, mark, pick), so
   practice, review, flashcards and the exam use it the same way: a text field instead of options.
   A typed answer shows its character diff and the learner grades themself (selfGrade); a number
   is graded by its range, in practice, review and the exam alike. Needs question-kinds.js. */
(() => {
  "use strict";
  window.StudysiteQuizKinds = (A) => {
    const { h, T, Tf } = A, K = window.StudysiteKinds;
    const is = (q) => !!K && (q.kind === "typed" || q.kind === "numeric");
    const accept = (q) => (Array.isArray(q.accept) ? q.accept.map(String) : []);
    const num = (q) => (q.kind === "numeric" && q.num && typeof q.num === "object" ? q.num : null);
    const result = (q, sel) => K.check(num(q), accept(q), String(sel[0] || ""));
    const right = (q, sel) => !!sel.length && String(sel[0]).trim() !== "" && result(q, sel).ok;
    let n = 0;
    /* (q, order, interactive, chosen, onChange, onEnter): chosen is [text typed], or []. */
    const widget = (q, order, interactive, chosen, onChange, onEnter) => {
      const id = "qz-kin-" + (++n), typed = q.kind === "typed";
      const input = h("input", { type: "text", id, class: "k-input", autocomplete: "off", spellcheck: "false", inputmode: typed ? null : "decimal",
        oninput: () => onChange && onChange(get()),
        onkeydown: (e) => { if (e.key === "Enter" && onEnter) { e.preventDefault(); onEnter(); } } });
      input.value = chosen[0] != null ? String(chosen[0]) : "";
      const get = () => (input.value.trim() ? [input.value] : []);
      const box = h("div", { class: "k-type" }, [h("label", { for: id, text: T(typed ? "kinds_your_answer" : "kinds_your_number") }), input]);
      const key = () => result(q, [""]).best;
      let marked = false;
      return {
        el: interactive ? box : h("div", { class: "k-type", hidden: true }),
        input,
        selfGrade: typed,
        emptyKey: "kinds_type_first",
        get,
        right: (sel) => right(q, sel),
        key,
        pick: () => false,
        mark(sel) {
          if (marked || !interactive) return;
          marked = true;
          input.readOnly = true;
          const r = sel.length ? result(q, sel) : { ok: false, best: key() };
          box.classList.add(r.ok ? "is-right" : "is-wrong");
          const parts = [h("p", { class: "qz-feedback " + (r.ok ? "is-right" : "is-wrong"),
            text: r.ok ? T("correct") : sel.length ? Tf(r.unitWrong ? "kinds_wrong_unit" : "kinds_not_quite", { answer: r.best }) : Tf("kinds_not_quite", { answer: r.best }) })];
          if (typed && sel.length && !r.ok) parts.push(K.diffEl(String(sel[0]), r.best));
          for (const p of parts) box.append(p);
        },
      };
    };
    return { kinds: { is, widget, right } };
  };
})();
