/* studysite: the scripts' interface text, one table per language (templates: strings.toml; quiz
   page: quiz-strings.js). t(key), f(key, {a}) fills {a}, n(key, count) picks key_<plural
   category> else key_other ({n} = count), add(tables). docs/architecture.md has the details. */
(() => {
  "use strict";
  const TABLES = {
    en: {
      // questions.js
      check_answer: "Check answer",
      try_again: "Try again",
      choose_at_least_one: "Choose at least one answer first.",
      choose_one_first: "Choose an answer first.",
      correct: "Correct.",
      not_quite: "Not quite: the answer is ",
      mark_yours_right: "✓ your answer, correct",
      mark_yours_wrong: "✗ your answer, wrong",
      mark_right: "✓ correct answer",
      all_shown: "All answers shown.",
      all_hidden: "All answers hidden.",
      n_questions_one: "{n} question",
      n_questions_other: "{n} questions",
      // question-kinds.js
      kinds_your_answer: "Your answer",
      kinds_your_number: "Your answer (a number)",
      kinds_type_first: "Type an answer first.",
      kinds_not_quite: "Not quite: the answer is {answer}",
      kinds_wrong_unit: "Not in the unit of the answer: {answer}",
      kinds_diff_label: "Your answer against it:",
      kinds_missing: "missing",
      kinds_extra: "not in the answer",
      kinds_cloze: "(hidden: press to reveal)",
      // search.js
      kind_section: "Section",
      kind_table: "Table",
      kind_question: "Question",
      kind_page: "Page",
      search_unavailable: "Search is unavailable: the index did not load.",
      did_you_mean: "Did you mean ",
      no_results_for: "No results for “",
      no_results_for_end: "”",
      n_results_one: "{n} result",
      n_results_other: "{n} results",
      n_of_results_one: "{shown} of {n} result",
      n_of_results_other: "{shown} of {n} results",
      no_results: "No results",
      // site.js
      theme_auto: "Auto",
      theme_light: "Light",
      theme_dark: "Dark",
      colour_theme_is: "Colour theme: ",
      change_theme: ". Change theme",
      copy: "Copy",
      copy_code: "Copy code to clipboard",
      copied: "Copied",
      press_ctrl_c: "Press Ctrl+C",
      back_to_top: "Back to top",
      table_scrolls: "Scroll sideways to see all {n} columns",
      hide_answer: "Hide answer",
      // progress.js
      progress_counts: "{seen} seen · {due} due · {weak} weak",
      continue_session: "Continue your quiz session",
      continue_exam: "Continue your exam",
      continue_reading: "Continue reading: {title}",
      // offline.js
      offline_updated: "This site has been updated.",
      offline_reload: "Reload",
      offline_later: "Later",
      // diagrams.js
      diagram_error: "This diagram could not be drawn:",
    },
  };
  const lang = (document.documentElement.getAttribute("lang") || "en").toLowerCase();
  const base = lang.split("-")[0], own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const table = () => TABLES[lang] || TABLES[base] || TABLES.en;
  const has = (key) => own(table(), key) || own(TABLES.en, key);
  const t = (key) => (own(table(), key) ? table()[key] : own(TABLES.en, key) ? TABLES.en[key] : key);
  const f = (key, vars) => t(key).replace(/\{(\w+)\}/g, (m, k) => (vars && own(vars, k) ? String(vars[k]) : m));
  let rules = null, numbers = null;
  try { numbers = new Intl.NumberFormat(lang, { numberingSystem: "latn" }); } catch (err) { numbers = null; }
  const num = (x) => (numbers && typeof x === "number" ? numbers.format(x) : String(x));
  try { rules = new Intl.PluralRules(lang); } catch (err) { rules = null; }
  const n = (key, count, vars) => {
    const cat = rules ? rules.select(count) : count === 1 ? "one" : "other";
    return f(has(key + "_" + cat) ? key + "_" + cat : key + "_other", Object.assign({ n: num(count) }, vars));
  };
  const add = (tables) => {
    for (const [l, keys] of Object.entries(tables)) TABLES[l] = Object.assign(TABLES[l] || {}, keys);
  };
  window.StudysiteStrings = { t, f, n, add };
})();
