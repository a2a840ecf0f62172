//! studysite: a static-site generator for study notes.
//!
//! The pipeline runs one way, each stage in its own module with its own types, and
//! only [`site`] knows the order:
//! 1. load: [`config`], [`content`] (with [`frontmatter`]);
//! 2. parse: [`markdown`] (one transform per feature, questions included);
//! 3. render: [`render`] with [`theme`], [`nav`], [`quizdata`] and [`search`];
//! 4. write: [`output`] (files are handed to it as they are rendered).

pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod fingerprint;
pub mod frontmatter;
pub mod init;
pub mod markdown;
pub mod nav;
pub mod output;
pub mod quizdata;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod theme;
pub mod timings;
pub mod util;
