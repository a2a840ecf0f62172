//! The question model: kinds, options, explanations, ids, topics. A [`Draft`] is a
//! question as a form found it on the page (events); [`Draft::finish`] renders its
//! fragments into a [`Question`].

use pulldown_cmark::{Event, Tag, TagEnd};
use serde::Serialize;

use super::html::mark_answers;
use crate::markdown::headings::plain_text;
use crate::markdown::sanitize::{self, SafeHtml};
use crate::markdown::{Ev, RenderCx};
use crate::util::{base32, fnv64};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionKind {
    Free,
    Single,
    Multi,
    /// A free question answered by typing (`**Accept:** a | b`, [`super::typed`]).
    Typed,
    /// One card of a cloze paragraph (`{{c1::text}}`, [`super::cloze`]).
    Cloze,
    /// A number with a tolerance or a range and a unit (`**Answer:** 42 ± 0.5 ms`, [`super::numeric`]).
    Numeric,
}

impl QuestionKind {
    /// The kind's name in the page markup and the quiz data.
    pub fn name(self) -> &'static str {
        match self {
            QuestionKind::Free => "free",
            QuestionKind::Single => "single",
            QuestionKind::Multi => "multi",
            QuestionKind::Typed => "typed",
            QuestionKind::Numeric => "numeric",
            QuestionKind::Cloze => "cloze",
        }
    }

    /// Answered in the learner's own words or figures (no options).
    pub fn is_free(self) -> bool {
        matches!(
            self,
            QuestionKind::Free | QuestionKind::Typed | QuestionKind::Numeric | QuestionKind::Cloze
        )
    }
}

/// A numeric answer: accepted from `min` to `max` (inclusive), in `unit` (may be empty).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NumericAnswer {
    pub min: f64,
    pub max: f64,
    pub unit: String,
    /// As written (`42 ± 0.5 ms`), for the answer key and exports.
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChoiceOption {
    pub html: SafeHtml,
    pub correct: bool,
    pub why: SafeHtml,
    pub pin: bool,
}

/// A finished question: metadata plus HTML fragments with links relative to the quiz.
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    pub id: String,
    pub explicit_id: bool,
    pub kind: QuestionKind,
    /// Absolute line of the question in its file.
    pub line: usize,
    /// Id of the question's heading (none for the compact form).
    pub heading_id: Option<String>,
    /// Page title, then the headings above the question.
    pub topic: Vec<String>,
    pub tags: Vec<String>,
    /// Heading id of the section that teaches it (`see:` in its metadata).
    pub see: Option<String>,
    /// Exam domain id (`domain:` in its metadata), over its page's.
    pub domain: Option<String>,
    /// The question as plain text.
    pub text: String,
    pub q_html: SafeHtml,
    /// The blocks between the question and its answer (code, tables), alone.
    pub stem_html: SafeHtml,
    pub a_html: SafeHtml,
    pub options: Vec<ChoiceOption>,
    /// Keep the author's option order (an ordered list).
    pub fixed: bool,
    pub explain_html: SafeHtml,
    /// Fingerprint of the answer side, so a learner can see a card changed.
    pub fp: String,
    /// Plain text of the answer side (search indexes it).
    pub answer_text: String,
    /// Typed answers: the accepted answers, as written.
    pub accept: Vec<String>,
    /// Numeric answers: the accepted range.
    pub numeric: Option<NumericAnswer>,
    /// A cloze card: its number, whether it is its paragraph's first card, and the
    /// paragraph in Anki's cloze syntax (`{{c1::text::hint}}`).
    pub cloze: Option<ClozeCard>,
    /// An Anki GUID given in the source (`<!-- guid: … -->`).
    pub guid: Option<String>,
    /// Reviewed both ways (`Q:::A`, `??`, `reverse: yes`).
    pub reversed: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClozeCard {
    pub n: u32,
    pub first: bool,
    pub anki_html: SafeHtml,
}

pub(super) struct DraftOption<'a> {
    pub(super) text: Vec<Ev<'a>>,
    pub(super) extra: Vec<Ev<'a>>,
    pub(super) why: Vec<Ev<'a>>,
    pub(super) correct: bool,
    pub(super) pin: bool,
}

/// A question found on a page, before its fragments are rendered for the quiz.
pub struct Draft<'a> {
    pub(super) id: String,
    pub(super) explicit_id: bool,
    pub(super) kind: QuestionKind,
    pub(super) line: usize,
    pub(super) heading_id: Option<String>,
    pub(super) topic: Vec<String>,
    pub(super) tags: Vec<String>,
    pub(super) see: Option<String>,
    pub(super) domain: Option<String>,
    pub(super) text: String,
    /// Inline events of the question itself.
    pub(super) question: Vec<Ev<'a>>,
    pub(super) stem: Vec<Ev<'a>>,
    pub(super) answer: Vec<Ev<'a>>,
    pub(super) options: Vec<DraftOption<'a>>,
    pub(super) fixed: bool,
    pub(super) explain: Vec<Ev<'a>>,
    pub(super) accept: Vec<String>,
    pub(super) numeric: Option<NumericAnswer>,
    pub(super) cloze: Option<(u32, bool, Vec<Ev<'a>>)>,
    pub(super) guid: Option<String>,
    pub(super) reversed: bool,
}

impl<'a> Draft<'a> {
    /// A free-response question found without a heading of its own (a compact pair, a
    /// `<summary>` question, a flashcard).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn free(
        id: String,
        line: usize,
        topic: &[String],
        tags: Vec<String>,
        text: String,
        question: Vec<Ev<'a>>,
        answer: Vec<Ev<'a>>,
    ) -> Self {
        Draft {
            id,
            explicit_id: false,
            kind: QuestionKind::Free,
            line,
            heading_id: None,
            topic: topic.to_vec(),
            tags,
            see: None,
            domain: None,
            text,
            question,
            stem: Vec::new(),
            answer,
            options: Vec::new(),
            fixed: false,
            explain: Vec::new(),
            accept: Vec::new(),
            numeric: None,
            cloze: None,
            guid: None,
            reversed: false,
        }
    }

    /// Id of the question's heading (none for the compact form).
    pub fn heading_id(&self) -> Option<&str> {
        self.heading_id.as_deref()
    }

    pub fn finish(self, rcx: &mut RenderCx, unsafe_html: bool) -> Question {
        let mut render = |evs: Vec<Ev>| -> SafeHtml {
            if evs.is_empty() {
                return SafeHtml::default();
            }
            rcx.has_raw_html = false;
            let html = rcx.render(evs);
            let held = std::mem::take(&mut rcx.held_code);
            let marked = rcx.raw_marked(&html);
            sanitize::gate(html, rcx.has_raw_html, unsafe_html, &held, marked)
        };
        // The question's own paragraph, then its stem, each rendered once.
        let mut q = vec![(Event::Start(Tag::Paragraph), 0)];
        q.extend(self.question);
        q.push((Event::End(TagEnd::Paragraph), 0));
        let stem_html = render(self.stem);
        let mut q_html = render(q);
        q_html.push(&stem_html);
        let mut answer_text = plain_text(&self.answer);
        let a_html = render(self.answer);
        let mut options = Vec::new();
        for o in self.options {
            answer_text.push(' ');
            answer_text.push_str(&plain_text(&o.text));
            let mut html = render(o.text);
            html.push(&render(o.extra));
            options.push(ChoiceOption {
                html,
                correct: o.correct,
                why: render(o.why),
                pin: o.pin,
            });
        }
        answer_text.push(' ');
        answer_text.push_str(&plain_text(&self.explain));
        let explain_html = render(self.explain);
        let cloze = self.cloze.map(|(n, first, evs)| ClozeCard {
            n,
            first,
            anki_html: render(evs),
        });
        let fp_source = format!(
            "{a_html}|{}|{explain_html}",
            options
                .iter()
                .map(|o| format!("{}{}", o.correct, o.html))
                .collect::<Vec<_>>()
                .join("|")
        );
        Question {
            id: self.id,
            explicit_id: self.explicit_id,
            kind: self.kind,
            line: self.line,
            heading_id: self.heading_id,
            topic: self.topic,
            tags: self.tags,
            see: self.see,
            domain: self.domain,
            text: self.text,
            q_html,
            stem_html,
            // After the fingerprint, which predates the mark (progress is kept by it).
            a_html: {
                let mut a = a_html;
                a.theme_edit(|h| *h = mark_answers(std::mem::take(h)));
                a
            },
            options,
            fixed: self.fixed,
            explain_html,
            fp: base32(fnv64(fp_source.as_bytes()), 8),
            answer_text: answer_text.split_whitespace().collect::<Vec<_>>().join(" "),
            accept: self.accept,
            numeric: self.numeric,
            cloze,
            guid: self.guid,
            reversed: self.reversed,
        }
    }
}

impl Question {
    /// Letters of the correct options (`A`, `C`), for choice questions.
    pub fn correct_letters(&self) -> Vec<String> {
        self.options
            .iter()
            .enumerate()
            .filter(|(_, o)| o.correct)
            .map(|(n, _)| letter(n))
            .collect()
    }
}

pub fn letter(n: usize) -> String {
    if n < 26 {
        ((b'A' + n as u8) as char).to_string()
    } else {
        (n + 1).to_string()
    }
}
