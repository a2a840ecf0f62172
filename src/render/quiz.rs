//! The quiz page.

use tera::Context;

use super::common::{Common, push};
use crate::diagnostics::Diagnostic;
use crate::routes::special_path;
use crate::sink::Sink;
use crate::site::Site;

/// The quiz page (its questions come from the quiz data file, [`super::quizdata`]).
pub(super) fn render(common: &Common, site: &Site, out: &dyn Sink, errors: &mut Vec<Diagnostic>) {
    let config = &site.config;
    let questions = common.site_ctx.questions;
    let (z_out, z_url) = special_path("quiz", config.url_style);
    let mut ctx = Context::new();
    ctx.insert("total", &questions);
    ctx.insert("math", &super::questions::questions_have_math(site));
    ctx.insert("quiz_split", &common.quiz_split);
    push(out, errors, &z_out, common.render("quiz.html", &z_out, &z_url, ctx));
}
