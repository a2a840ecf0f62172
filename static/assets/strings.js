/* studysite: the scripts' interface text, one table per language (the templates' text is in
   templates/strings.toml). Loaded before the other scripts; window.StudysiteStrings.t(key) is a
   key's text in the page's language (<html lang>), else in English. Only "en" so far; the quiz's
   own text (quiz.js) is still to move here. Classic script. */
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
      question_one: " question",
      question_many: " questions",
      // search.js
      kind_section: "Section",
      kind_table: "Table",
      kind_question: "Question",
      kind_page: "Page",
      search_unavailable: "Search is unavailable: the index did not load.",
      did_you_mean: "Did you mean ",
      no_results_for: "No results for “",
      no_results_for_end: "”",
      of: " of ",
      result_one: " result",
      result_many: " results",
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
    },
  };
  const lang = (document.documentElement.getAttribute("lang") || "en").toLowerCase();
  const table = TABLES[lang] || TABLES[lang.split("-")[0]] || TABLES.en;
  window.StudysiteStrings = { t: (key) => (Object.prototype.hasOwnProperty.call(table, key) ? table[key] : TABLES.en[key]) };
})();
